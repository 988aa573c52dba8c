package dev.vireo.meetings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.vireo.server.ServerConfig;
import dev.vireo.server.VireoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The meetings API on PostgreSQL through {@code database-url}: a private PostgreSQL 15 (Debian's) started by the test
 * on 127.0.0.1 in a temporary directory; Flyway migrates it, meetings are written, read, listed, changed, deleted and
 * still there after a server restart.
 */
class PostgresStorageTest {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static Path dir;
    private static int port;

    @BeforeAll
    static void startPostgres() throws Exception {
        dir = Files.createTempDirectory("vireo-pg-");
        UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
        run(List.of(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U",
                "vireo", "--no-sync"));
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            port = probe.getLocalPort();
        }
        run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("log").toString(), "-w", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir,
                "start"));
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (dir != null) {
            run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "stop"));
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs a PostgreSQL tool as the postgres user (initdb refuses root). */
    private static void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new java.util.ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, p.exitValue(), command + "\n" + out);
    }

    private VireoServer start() throws IOException {
        ServerConfig.Meetings meetings = new ServerConfig.Meetings("jdbc:postgresql://127.0.0.1:" + port
                + "/postgres?user=vireo", Duration.ofMinutes(10), Duration.ofMinutes(15));
        return VireoServer.start(MeetingsApi.config(Files.createTempDirectory("vireo-pg-data-"), meetings));
    }

    @Test
    void meetingsLiveInPostgresAndSurviveARestart() throws Exception {
        String id;
        try (VireoServer server = start()) {
            MeetingsApi api = new MeetingsApi(server.httpPort());
            MeetingsApi.Reply created = api.call("POST", "/api/meetings", MeetingsApiTest.WEEKLY);
            assertEquals(201, created.status(), created.body());
            id = created.json().get("id").getAsString();
            MeetingsApi.Reply patched = api.call("PATCH", "/api/meetings/" + id, "{\"title\":\"On Postgres\"}");
            assertEquals(200, patched.status(), patched.body());
            MeetingsApi.Reply list = api.call("GET",
                    "/api/meetings?from=2026-11-23T00:00:00Z&to=2026-12-31T00:00:00Z", null);
            assertEquals(6, list.json().getAsJsonArray("occurrences").size(), list.body());
            MeetingsApi.Reply taken = api.call("POST", "/api/meetings", MeetingsApiTest.WEEKLY
                    .replace("{", "{\"room\":\"" + created.json().get("room").getAsString() + "\","));
            assertEquals(409, taken.status());
        }
        try (VireoServer again = start()) {
            MeetingsApi api = new MeetingsApi(again.httpPort());
            JsonObject m = api.call("GET", "/api/meetings/" + id, null).json();
            assertEquals("On Postgres", m.get("title").getAsString());
            assertTrue(m.get("hasPassword").getAsBoolean());
            assertTrue(m.get("lobby").getAsBoolean());
            assertEquals("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6", m.get("recurrence").getAsString());
            assertEquals(204, api.call("DELETE", "/api/meetings/" + id, null).status());
            assertEquals(404, api.call("GET", "/api/meetings/" + id, null).status());
        }
    }
}
