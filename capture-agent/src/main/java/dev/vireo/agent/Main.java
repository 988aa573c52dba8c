package dev.vireo.agent;

import java.awt.Dimension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamDriver;
import com.github.sarxos.webcam.ds.buildin.WebcamDefaultDriver;

import dev.vireo.agent.rtc.MediaEngine;
import dev.vireo.agent.signal.PermanentRefusal;
import dev.vireo.agent.signal.PublishSession;
import dev.vireo.agent.signal.VireoSession;
import dev.vireo.agent.signal.WhipSession;
import dev.vireo.agent.source.Capture;
import dev.vireo.agent.source.FileSourceDriver;
import dev.vireo.agent.source.TestPatternDriver;

/**
 * {@code vireo agent ...}: the capture agent. Exit codes: 0 stopped by a signal after leaving cleanly, 1 cannot start,
 * 2 bad options, 3 permanently refused by the server (the reason is the last line on stderr).
 */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_REFUSED = 3;

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args)));
    }

    private static int run(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print(AgentOptions.usage());
            return EXIT_OK;
        }
        AgentOptions options;
        try {
            options = AgentOptions.parse(args, System.getenv(), hostName());
        } catch (AgentOptions.InvalidOptionsException e) {
            System.err.println("vireo agent: " + e.getMessage());
            return EXIT_USAGE;
        }
        installLogging();
        if (options.listCameras()) {
            return listCameras();
        }
        return publish(options);
    }

    private static int publish(AgentOptions options) {
        MediaEngine engine;
        try {
            engine = new MediaEngine(options.audio() == AgentOptions.Audio.TEST_TONE);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            System.err.println("vireo agent: cannot start libwebrtc: " + e);
            return EXIT_START_FAILED;
        }
        Dimension size = new Dimension(options.width(), options.height());
        Capture capture = new Capture(driver(options, size), options.source().kind()
                == AgentOptions.Source.Kind.CAMERA ? options.source().cameraIndex() : 0, size, options.fps(),
                engine::push);
        String target = options.server() != null ? options.server() + " room " + options.room()
                : options.whip().toString();
        StatusBoard board = new StatusBoard(target, options.source().toString(),
                () -> capture.state().name().toLowerCase());
        StatusReporter reporter;
        try {
            reporter = new StatusReporter(board, options.statusPort());
        } catch (IOException e) {
            System.err.println("vireo agent: cannot serve status on 127.0.0.1:" + options.statusPort() + ": " + e);
            return EXIT_START_FAILED;
        }
        PublishSession session = options.server() != null ? new VireoSession(options, engine, board)
                : new WhipSession(options, engine, board);
        Agent agent = new Agent(session, board);
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop();
            try {
                finished.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "agent-stop"));
        capture.start();
        reporter.start();
        LOG.info("agent " + options.name() + ": " + options.source() + " " + options.width() + "x" + options.height()
                + "@" + options.fps() + " " + options.codec() + (options.simulcast() ? " simulcast" : "") + " up to "
                + options.bitrateBps() / 1000 + " kbit/s -> " + target
                + (options.statusPort() > 0 ? "; status on http://127.0.0.1:" + options.statusPort() + "/" : ""));
        try {
            agent.run();
            return EXIT_OK;
        } catch (PermanentRefusal e) {
            System.err.println("vireo agent: refused for good: " + e.getMessage());
            return EXIT_REFUSED;
        } catch (InterruptedException e) {
            return EXIT_OK;
        } finally {
            finished.countDown();
            reporter.close();
            capture.close();
        }
    }

    private static WebcamDriver driver(AgentOptions options, Dimension size) {
        return switch (options.source().kind()) {
            case TEST_PATTERN -> new TestPatternDriver(size, options.name());
            case FILE -> new FileSourceDriver(Path.of(options.source().path()), size);
            case CAMERA -> new WebcamDefaultDriver();
        };
    }

    private static int listCameras() {
        List<Webcam> cams;
        try {
            cams = Webcam.getWebcams(10_000);
        } catch (Exception | LinkageError e) {
            System.err.println("vireo agent: cannot list cameras: " + e.getMessage()
                    + " (the camera driver needs libv4l2.so.0: apt install libv4l-0)");
            return EXIT_START_FAILED;
        }
        if (cams.isEmpty()) {
            System.out.println("no cameras found (--source test-pattern works without one)");
        }
        for (int i = 0; i < cams.size(); i++) {
            Webcam cam = cams.get(i);
            StringBuilder sizes = new StringBuilder();
            for (Dimension d : cam.getViewSizes()) {
                sizes.append(' ').append(d.width).append('x').append(d.height);
            }
            System.out.println("camera:" + i + "  " + cam.getName() + "  sizes:" + sizes);
        }
        return EXIT_OK;
    }

    /** The box's name: what viewers see as the participant name unless --name says otherwise. */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            String name = Files.readString(Path.of("/etc/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "camera-box";
    }

    private static void installLogging() {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new LogFormat());
        console.setLevel(Level.ALL);
        root.addHandler(console);
        root.setLevel(Level.INFO);
        LIBRARIES.forEach(l -> l.setLevel(Level.WARNING));
    }

    /** Held so their levels stay: java.util.logging keeps loggers only weakly. */
    private static final List<Logger> LIBRARIES = List.of(Logger.getLogger("com.github.sarxos"),
            Logger.getLogger("org.java_websocket"));
}
