package dev.vireo.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code vireo server [options]}: runs a Vireo node until SIGTERM or Ctrl-C. Exit codes: 1 when the server cannot
 * start, 2 for a bad command line or bad settings; stopped by a signal, the JVM exits with 128 + the signal's number
 * (143 for SIGTERM, 130 for Ctrl-C) once the shutdown hook has closed the server.
 */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        int exit = run(Arrays.asList(args));
        if (exit != EXIT_OK) {
            System.exit(exit);
        }
    }

    private static int run(List<String> args) {
        if (args.isEmpty()) {
            System.err.println("vireo: missing command (try: vireo server, or vireo --help)");
            return EXIT_USAGE;
        }
        String command = args.get(0);
        List<String> options = args.subList(1, args.size());
        if (isHelp(command)) {
            System.out.print(Usage.main());
            return EXIT_OK;
        }
        if (command.equals("--version")) {
            System.out.println("vireo " + VireoServer.VERSION);
            return EXIT_OK;
        }
        if (!command.equals("server")) {
            System.err.println("vireo: unknown command '" + command + "' (try: vireo --help)");
            return EXIT_USAGE;
        }
        if (options.stream().anyMatch(Main::isHelp)) {
            System.out.print(Usage.server());
            return EXIT_OK;
        }
        ServerConfig config;
        try {
            config = ServerConfig.load(options, System.getenv());
        } catch (InvalidConfigException e) {
            System.err.println("vireo: " + e.getMessage());
            return EXIT_USAGE;
        }
        OneLineFormatter.install(config.logLevel());
        return serve(config);
    }

    private static int serve(ServerConfig config) {
        VireoServer server;
        try {
            server = VireoServer.start(config);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot start: " + e.getMessage(), e instanceof IOException ? null : e);
            return EXIT_START_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Plain stderr: the log manager resets its handlers in its own shutdown hook, maybe before this one.
            System.err.println("vireo: stopping");
            server.close();
            stopped.countDown();
        }, "vireo-shutdown"));
        String bind = config.bindAddress().getHostAddress();
        LOG.info(String.format("Vireo %s listening: http://%s:%d/ signaling ws://%s:%d/ media udp %s:%d"
                        + " (advertised %s) in %d ms",
                VireoServer.VERSION, bind, server.httpPort(), bind, server.signalingPort(), bind, server.mediaPort(),
                config.publicIp().getHostAddress(), millisSinceProcessStart()));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    /**
     * From the JVM's start to now. (ProcessHandle's start instant is no better on Linux: it is derived from the boot
     * time in whole seconds.)
     */
    private static long millisSinceProcessStart() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
