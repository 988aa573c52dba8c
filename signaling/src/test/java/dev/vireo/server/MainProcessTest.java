package dev.vireo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.vireo.signaling.TestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code Main} as a separate JVM: exit codes, one line on stderr for bad settings, a clean stop on SIGTERM. */
class MainProcessTest {
    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "Main did not exit");
        return new Result(process.exitValue(), out, err);
    }

    @Test
    void badSettingIsOneLineAndExitCode2() throws Exception {
        Result r = run("server", "--http-port", "99999");
        assertEquals(2, r.exit());
        assertEquals("vireo: invalid http-port \"99999\" (from option --http-port): must be 0-65535\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownOptionAndMissingFileAreExitCode2() throws Exception {
        Result unknown = run("server", "--verbose");
        assertEquals(2, unknown.exit());
        assertEquals("vireo: unknown option --verbose (see --help)\n", unknown.err());
        Result missing = run("server", "--config", "/nonexistent/vireo.conf");
        assertEquals(2, missing.exit());
        assertEquals(1, missing.err().lines().count(), missing.err());
    }

    @Test
    void unknownCommandIsExitCode2() throws Exception {
        Result r = run("serve");
        assertEquals(2, r.exit());
        assertEquals("vireo: unknown command 'serve' (try: vireo --help)\n", r.err());
    }

    @Test
    void serverHelpExplainsEveryOption() throws Exception {
        Result r = run("server", "--help");
        assertEquals(0, r.exit(), r.err());
        for (Setting s : Setting.values()) {
            assertTrue(r.out().contains(s.flag() + " "), s.flag());
            assertTrue(r.out().contains(s.envName()), s.envName());
        }
        assertTrue(r.out().contains("--config FILE"));
        assertTrue(r.out().contains("[8080]"));
    }

    @Test
    void topLevelHelpListsTheCommands() throws Exception {
        Result r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("server [options]"), r.out());
    }

    /**
     * SIGTERM (what Ctrl-C and systemd send) stops a running server cleanly: every participant is told {@code bye}
     * with reason {@code server-shutdown}, the process exits, and the media port is free again.
     */
    @Test
    void sigtermTellsParticipantsAndFreesThePorts() throws Exception {
        Path dataDir = Files.createTempDirectory("vireo-main");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "server",
                "--bind", "127.0.0.1", "--public-ip", "127.0.0.1", "--allowed-networks", "127.0.0.0/8",
                "--http-port", "0", "--signaling-port", "0", "--media-port", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            Matcher listening = awaitListening(log);
            int signalingPort = Integer.parseInt(listening.group(1));
            int mediaPort = Integer.parseInt(listening.group(2));
            Thread drain = new Thread(() -> log.lines().forEach(line -> { }));
            drain.setDaemon(true);
            drain.start();

            try (TestClient client = TestClient.connect(signalingPort)) {
                client.join("shutdown", "Alice");
                server.destroy(); // SIGTERM on Linux
                JsonObject bye = client.next("bye");
                assertEquals("server-shutdown", bye.get("reason").getAsString());
            }
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not exit after SIGTERM");
            assertEquals(143, server.exitValue(), "128 + SIGTERM, after the shutdown hook ran");
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("127.0.0.1", mediaPort))) {
                assertEquals(mediaPort, again.getLocalPort(), "media port released");
            }
        } finally {
            server.destroyForcibly();
        }
    }

    private static Matcher awaitListening(BufferedReader log) throws IOException {
        Pattern line = Pattern.compile("signaling ws://127\\.0\\.0\\.1:(\\d+)/ media udp 127\\.0\\.0\\.1:(\\d+)");
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String next;
        while (System.nanoTime() < deadline && (next = log.readLine()) != null) {
            seen.append(next).append('\n');
            Matcher m = line.matcher(next);
            if (m.find()) {
                return m;
            }
        }
        throw new AssertionError("no 'listening' line from the server:\n" + seen);
    }
}
