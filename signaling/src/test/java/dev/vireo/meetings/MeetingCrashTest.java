package dev.vireo.meetings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} during a burst of writes loses no acknowledged meeting: a real server process gets concurrent
 * POSTs, is killed with SIGKILL while they are in flight, and a restarted server on the same data directory has
 * every meeting it answered 201 for, with its title.
 */
class MeetingCrashTest {
    private static final Pattern LISTENING = Pattern.compile("listening: http://127\\.0\\.0\\.1:(\\d+)/");
    private static final int WRITERS = 4;
    private static final int ACKED_BEFORE_KILL = 60;

    @Test
    void sigkillDuringABurstLosesNoAcknowledgedMeeting() throws Exception {
        Path dataDir = Files.createTempDirectory("vireo-crash-");
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger failedAfterKill = new AtomicInteger();
        Process first = startServer(dataDir);
        int killedWithInFlight;
        try {
            MeetingsApi api = new MeetingsApi(httpPort(first));
            AtomicInteger sequence = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Thread t = new Thread(() -> {
                    while (true) {
                        String title = "burst " + sequence.incrementAndGet();
                        MeetingsApi.Reply r;
                        try {
                            r = api.call("POST", "/api/meetings", MeetingsApiTest.WEEKLY
                                    .replace("Weekly sync", title).replace(",\"password\":\"s3cret\"", ""));
                        } catch (UncheckedIOException killed) {
                            failedAfterKill.incrementAndGet();
                            return;
                        }
                        if (r.status() == 201) {
                            acknowledged.put(r.json().get("id").getAsString(), title);
                        }
                    }
                });
                t.setDaemon(true);
                t.start();
                writers.add(t);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (acknowledged.size() < ACKED_BEFORE_KILL && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            killedWithInFlight = WRITERS;
            first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, first.exitValue(), "128 + SIGKILL");
            for (Thread t : writers) {
                t.join(30_000);
            }
        } finally {
            first.destroyForcibly();
        }
        assertTrue(acknowledged.size() >= ACKED_BEFORE_KILL, "only " + acknowledged.size() + " writes acknowledged");
        assertEquals(killedWithInFlight, failedAfterKill.get(), "every writer was still writing when the server was killed");

        Process second = startServer(dataDir);
        try {
            MeetingsApi api = new MeetingsApi(httpPort(second));
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                MeetingsApi.Reply r = api.call("GET", "/api/meetings/" + e.getKey(), null);
                assertEquals(200, r.status(), "acknowledged meeting " + e.getKey() + " lost");
                assertEquals(e.getValue(), r.json().get("title").getAsString());
            }
            System.out.println("MeetingCrashTest: " + acknowledged.size() + " acknowledged meetings, all present "
                    + "after SIGKILL with " + killedWithInFlight + " requests in flight");
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process startServer(Path dataDir) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "server",
                "--bind", "127.0.0.1", "--public-ip", "127.0.0.1", "--allowed-networks", "127.0.0.0/8",
                "--http-port", "0", "--signaling-port", "0", "--media-port", "0", "--data-dir", dataDir.toString(),
                "--admin-key", MeetingsApi.ADMIN_KEY, "--token-secret", MeetingsApi.TOKEN_SECRET)
                .redirectErrorStream(true).start();
    }

    private static int httpPort(Process server) throws Exception {
        BufferedReader log = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        // Generous: with a dozen JVMs and browsers on 2 cores a server start (SFU, Flyway) took over a minute.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String line;
        while (System.nanoTime() < deadline && (line = log.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> log.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no 'listening' line from the server:\n" + seen);
    }
}
