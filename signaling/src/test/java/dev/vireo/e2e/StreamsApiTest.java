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

    private static void assertField(StreamsApi.Reply reply, String field) {
        assertError(reply, 400, "bad-request");
        assertEquals(field, reply.json().get("field").getAsString(), reply.body());
    }

    private static java.util.List<String> ids(StreamsApi.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        JsonArray streams = reply.json().getAsJsonArray("streams");
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonElement e : streams) {
            out.add(e.getAsJsonObject().get("id").getAsString());
        }
        return out;
    }
}
