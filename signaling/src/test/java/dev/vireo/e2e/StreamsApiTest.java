package dev.vireo.e2e;

import static dev.vireo.e2e.WhipConformanceTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Role;
import dev.vireo.auth.TokenRejectedException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The streams API over HTTP: admin key checks, validation naming the field, the list, stopping, the tokens. */
class StreamsApiTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private StreamsApi api() {
        return new StreamsApi(server.get());
    }

    @Test
    void createReturnsUrlsAndAHostTokenForTheStreamsRoom() throws TokenRejectedException {
        JsonObject created = api().create("Friday town hall", true);
        String id = created.get("id").getAsString();
        String room = created.get("room").getAsString();
        assertEquals(server.baseUrl() + "/whip/" + room, created.get("whipUrl").getAsString());
        assertEquals(server.baseUrl() + "/watch/" + room, created.get("watchUrl").getAsString());
        assertEquals("idle", created.get("state").getAsString());
        assertEquals("Friday town hall", created.get("title").getAsString());
        assertTrue(created.get("public").getAsBoolean());
        AccessToken token = server.get().server().tokens().verify(created.get("publishToken").getAsString(), room);
        assertEquals(Role.HOST, token.role());

        JsonObject fetched = api().get(id);
        assertEquals(room, fetched.get("room").getAsString());
        assertEquals(0, fetched.get("viewers").getAsInt());
        assertFalse(fetched.has("publishToken"), "the token is shown once, at creation");
    }

    @Test
    void createNeedsTheAdminKeyAndValidInput() {
        String key = api().adminKey();
        StreamsApi.Reply noKey = api().send("POST", "/api/streams", null, "application/json", "{\"title\":\"x\"}");
        assertError(noKey, 401, "unauthorized");
        assertError(api().send("POST", "/api/streams", key + "x", "application/json", "{\"title\":\"x\"}"), 401,
                "unauthorized");
        assertError(api().send("POST", "/api/streams", key, "application/json", "{not json"), 400, "bad-json");
        assertField(api().send("POST", "/api/streams", key, "application/json", "{}"), "title");
        assertField(api().send("POST", "/api/streams", key, "application/json", "{\"title\":\"  \"}"), "title");
        assertField(api().send("POST", "/api/streams", key, "application/json", "{\"title\":7}"), "title");
        assertField(api().send("POST", "/api/streams", key, "application/json",
                "{\"title\":\"" + "t".repeat(201) + "\"}"), "title");
        assertField(api().send("POST", "/api/streams", key, "application/json",
                "{\"title\":\"ok\",\"public\":\"yes\"}"), "public");
        assertError(api().send("PUT", "/api/streams", key, "application/json", "{}"), 405, "method-not-allowed");
    }

    @Test
    void listShowsPrivateStreamsOnlyToTheAdminAndStopEndsAStream() {
        JsonObject open = api().create("open", true);
        JsonObject hidden = api().create("hidden", false);
        assertTrue(ids(api().send("GET", "/api/streams", null, null, null)).contains(open.get("id").getAsString()));
        assertFalse(ids(api().send("GET", "/api/streams", null, null, null))
                .contains(hidden.get("id").getAsString()));
        assertTrue(ids(api().send("GET", "/api/streams", api().adminKey(), null, null))
                .contains(hidden.get("id").getAsString()));

        assertError(api().send("DELETE", "/api/streams/" + open.get("id").getAsString(), null, null, null), 401,
                "unauthorized");
        StreamsApi.Reply stopped = api().stop(open.get("id").getAsString());
        assertEquals(200, stopped.status(), stopped.body());
        assertEquals("ended", stopped.json().get("state").getAsString());
        assertEquals("ended", api().get(open.get("id").getAsString()).get("state").getAsString());
        assertFalse(ids(api().send("GET", "/api/streams", api().adminKey(), null, null))
                .contains(open.get("id").getAsString()), "ended streams leave the list");
        assertError(api().send("GET", "/api/streams/nosuchstream", null, null, null), 404, "not-found");
        assertError(api().stop("nosuchstream"), 404, "not-found");
    }

    @Test
    void viewerTokensForPrivateStreams() throws TokenRejectedException {
        JsonObject hidden = api().create("hidden", false);
        String id = hidden.get("id").getAsString();
        assertError(api().send("POST", "/api/streams/" + id + "/tokens", null, "application/json",
                "{\"role\":\"viewer\"}"), 401, "unauthorized");
        StreamsApi.Reply bad = api().send("POST", "/api/streams/" + id + "/tokens", api().adminKey(),
                "application/json", "{\"role\":\"king\"}");
        assertError(bad, 400, "bad-request");
        assertEquals("role", bad.json().get("field").getAsString());
        StreamsApi.Reply ok = api().send("POST", "/api/streams/" + id + "/tokens", api().adminKey(),
                "application/json", "{\"role\":\"viewer\",\"name\":\"Guest\"}");
        assertEquals(201, ok.status(), ok.body());
        AccessToken token = server.get().server().tokens().verify(ok.json().get("token").getAsString(),
                hidden.get("room").getAsString());
        assertEquals(Role.VIEWER, token.role());
        assertEquals("Guest", token.name());
    }

    /**
     * Streams are written to the database before POST or DELETE answers: after a SIGKILL (no clean shutdown) and a
     * graceful stop, a server on the same data directory still has them, and their rooms are still broadcast rooms.
     */
    @Test
    void streamsSurviveAKillAndARestartOnTheSameDataDirectory() {
        try (ServerProcess vireo = new ServerProcess()) {
            start(vireo);
            StreamsApi before = new StreamsApi(vireo.baseUrl(), vireo.adminKey());
            JsonObject open = before.create("Survives the crash", true);
            JsonObject hidden = before.create("Private survivor", false);
            JsonObject stopped = before.create("Stopped before the crash", true);
            assertEquals(200, before.stop(stopped.get("id").getAsString()).status());

            vireo.kill();
            start(vireo);
            assertSurvived(vireo, open, hidden, stopped);
            JsonObject later = new StreamsApi(vireo.baseUrl(), vireo.adminKey()).create("After the restart", true);

            vireo.stop();
            start(vireo);
            assertSurvived(vireo, open, hidden, stopped);
            assertSurvived(vireo, later, hidden, stopped);
        }
    }

    /** Starts the server and waits for its HTTP port too (it opens after signaling). */
    private static void start(ServerProcess vireo) {
        vireo.start();
        StreamsApi api = new StreamsApi(vireo.baseUrl(), vireo.adminKey());
        Poll.until("the server to answer HTTP", Duration.ofSeconds(30), Duration.ofMillis(50), () -> {
            try {
                return api.send("GET", "/api/streams", null, null, null).status() == 200 ? Boolean.TRUE : null;
            } catch (UncheckedIOException notYet) {
                return null;
            }
        }, vireo::log);
    }

    private static void assertSurvived(ServerProcess vireo, JsonObject open, JsonObject hidden, JsonObject stopped) {
        StreamsApi api = new StreamsApi(vireo.baseUrl(), vireo.adminKey());
        for (JsonObject created : List.of(open, hidden)) {
            JsonObject now = api.get(created.get("id").getAsString());
            for (String field : List.of("id", "room", "title", "public", "createdAt")) {
                assertEquals(created.get(field), now.get(field), field + " of " + now);
            }
            assertEquals("idle", now.get("state").getAsString(), now.toString());
        }
        assertEquals("ended", api.get(stopped.get("id").getAsString()).get("state").getAsString());
        List<String> listed = ids(api.send("GET", "/api/streams", null, null, null));
        assertTrue(listed.contains(open.get("id").getAsString()), listed.toString());
        assertFalse(listed.contains(hidden.get("id").getAsString()), listed.toString());

        JsonObject joined = tokenlessJoin(vireo, open.get("room").getAsString(), "joined");
        assertEquals("viewer", joined.get("role").getAsString(), joined.toString());
        assertEquals("broadcast", joined.get("roomKind").getAsString(), joined.toString());
        assertEquals("unauthorized", tokenlessJoin(vireo, hidden.get("room").getAsString(), "error")
                .get("code").getAsString());
        assertEquals("room-closed", tokenlessJoin(vireo, stopped.get("room").getAsString(), "error")
                .get("code").getAsString());
    }

    /** The first {@code type} message a signaling join without a token gets. */
    private static JsonObject tokenlessJoin(ServerProcess vireo, String room, String type) {
        try (SignalingClient client = SignalingClient.connect(URI.create(vireo.signalingUrl()))) {
            client.send(SignalingClient.join(room, "anonymous"));
            return client.next(type, Duration.ofSeconds(10));
        }
    }

    private static void assertField(StreamsApi.Reply reply, String field) {
        assertError(reply, 400, "bad-request");
        assertEquals(field, reply.json().get("field").getAsString(), reply.body());
    }

    private static List<String> ids(StreamsApi.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        JsonArray streams = reply.json().getAsJsonArray("streams");
        List<String> out = new ArrayList<>();
        for (JsonElement e : streams) {
            out.add(e.getAsJsonObject().get("id").getAsString());
        }
        return out;
    }
}
