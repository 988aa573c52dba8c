package dev.vireo.e2e;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.vireo.server.ServerConfig;
import dev.vireo.server.VireoServer;

/**
 * A real Vireo server inside the test JVM, bound to 127.0.0.1 on free ports and accepting media only from
 * 127.0.0.0/8, so everything the tests do stays on loopback.
 */
final class VireoTestServer implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";
    /** Held so the settings below stay: java.util.logging keeps loggers only weakly. */
    private static final List<Logger> LOGGERS = configureLogging();

    private final VireoServer server;
    private final int httpPort;
    private final int signalingPort;
    private final int mediaPort;

    private VireoTestServer(VireoServer server, int httpPort, int signalingPort, int mediaPort) {
        this.server = server;
        this.httpPort = httpPort;
        this.signalingPort = signalingPort;
        this.mediaPort = mediaPort;
    }

    static VireoTestServer start() {
        return start(0);
    }

    /** A server with last-N set to {@code lastN} (0 = off). */
    static VireoTestServer start(int lastN) {
        try {
            VireoServer server = VireoServer.start(
                    config(Files.createTempDirectory("vireo-e2e-data-")).withLastN(lastN));
            return new VireoTestServer(server, server.httpPort(), server.signalingPort(), server.mediaPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Issues tokens this server accepts. */
    dev.vireo.auth.Tokens tokens() {
        return server.tokens();
    }

    /** Loopback only, free ports everywhere (media port 0: the server picks a free UDP port itself). */
    private static ServerConfig config(Path dataDir) throws IOException {
        InetAddress loopback = InetAddress.getByName(LOOPBACK);
        return new ServerConfig(loopback, 0, 0, 0, loopback, dataDir, List.of("127.0.0.0/8"),
                Duration.ofSeconds(5), 65536, 50, 100, Level.INFO);
    }

    /**
     * Server log lines with millisecond times (to line up with the browsers' signaling traces); ice4j's per-pair
     * INFO chatter is cut to warnings so the server's own lines stand out in the surefire output file.
     */
    private static List<Logger> configureLogging() {
        Logger vireo = Logger.getLogger("dev.vireo");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String thrown = "";
                if (r.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    r.getThrown().printStackTrace(new PrintWriter(trace));
                    thrown = "\n" + trace;
                }
                return String.format(Locale.ROOT, "%tT.%<tL %s %s: %s%s%n", r.getMillis(), r.getLevel(),
                        r.getLoggerName(), formatMessage(r), thrown);
            }
        });
        vireo.addHandler(handler);
        vireo.setUseParentHandlers(false);
        Logger ice4j = Logger.getLogger("org.ice4j");
        ice4j.setLevel(Level.WARNING);
        Logger jitsi = Logger.getLogger("org.jitsi");
        jitsi.setLevel(Level.WARNING);
        return List.of(vireo, ice4j, jitsi);
    }

    int httpPort() {
        return httpPort;
    }

    int signalingPort() {
        return signalingPort;
    }

    int mediaPort() {
        return mediaPort;
    }

    String baseUrl() {
        return "http://" + LOOPBACK + ":" + httpPort;
    }

    URI signalingUri() {
        return URI.create("ws://" + LOOPBACK + ":" + signalingPort + "/");
    }

    /** The page that joins {@code room} as {@code name} at once; {@code extraQuery} like "&video=0" or "". */
    String joinUrl(String room, String name, String extraQuery) {
        return baseUrl() + "/room/" + encode(room) + "?name=" + encode(name) + "&autojoin=1" + extraQuery;
    }

    @Override
    public void close() {
        server.close();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
