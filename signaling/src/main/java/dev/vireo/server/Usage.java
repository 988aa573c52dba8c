package dev.vireo.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;

/** The {@code --help} texts, built from {@link Setting} and the defaults in {@code reference.conf}. */
final class Usage {
    private Usage() {
    }

    static String main() {
        return """
                Usage: vireo COMMAND [options]

                Vireo is a WebRTC SFU: browsers in a room send their camera and microphone once and
                receive everyone else's through the server.

                Commands:
                  server [options]   run the server (vireo server --help lists the options)
                  test               run every test, offline, in a loopback-only network namespace
                                     when possible (launcher script only)
                  --help             show this help
                  --version          print the version
                """;
    }

    static String server() {
        Config defaults = ConfigLoader.defaults().getConfig("vireo");
        StringBuilder out = new StringBuilder();
        out.append("""
                Usage: vireo server [options]

                Runs a Vireo node: the web client and /api over HTTP, WebSocket signaling, and all media
                on one UDP port. Open http://HOST:HTTP-PORT/room/NAME in a browser to join room NAME.

                Options (value after a space or '='; [default], and the environment variable that sets it):
                """);
        line(out, "--config FILE", "HOCON file with a vireo { ... } block, keys as below", "", ConfigLoader.CONFIG_ENV);
        for (Setting s : Setting.values()) {
            String value = defaults.getValue(s.key).render(ConfigRenderOptions.concise()).replace("\"", "");
            if (value.equals("[]")) {
                value = "none";
            }
            line(out, s.flag() + " " + s.metavar, s.description, "[" + value + "]", s.envName());
        }
        line(out, "--help", "show this help and exit", "", "");
        out.append("""

                Precedence: options > environment > --config file > defaults (reference.conf).
                Durations take a unit (10s, 500ms); sizes may (64KiB).
                Stop with SIGTERM or Ctrl-C: every client is told "bye" before the server exits.
                Exit codes: 1 cannot start (e.g. a port is taken), 2 bad options or settings;
                143 / 130 after a clean stop by SIGTERM / Ctrl-C (the JVM's 128 + signal number).
                """);
        return out.toString();
    }

    private static void line(StringBuilder out, String option, String description, String value, String env) {
        out.append(String.format("  %-30s %s%n", option, description));
        if (!value.isEmpty() || !env.isEmpty()) {
            out.append(String.format("  %-30s %s%s%n", "", value.isEmpty() ? "" : value + "  ", env));
        }
    }
}
