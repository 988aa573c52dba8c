package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WHIP (RFC 9725) and WHEP resource semantics against the real server over HTTP: status codes, headers, PATCH for
 * trickle and ICE restart, DELETE, CORS pre-flight and every refusal as a 4xx with a JSON body. The offers are fixed
 * SDP files (their ICE never completes: only the HTTP contract is under test here).
 */
class WhipConformanceTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static final String SDP = "application/sdp";
    private static final String FRAG = "application/trickle-ice-sdpfrag";
    private static final String CANDIDATE = "a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\r\n";

    private StreamsApi api() {
        return new StreamsApi(server.get());
    }

    private String token(String room, Role role) {
        return server.get().server().tokens().issue(new AccessToken(room, role.wireName() + "-1", "Tester", role,
                Instant.now().plusSeconds(600)));
    }

    @Test
    void whipPublishAnswersWithResourceAndEtag() {
        JsonObject stream = api().create("conformance", true);
        String room = stream.get("room").getAsString();
        StreamsApi.Reply r = api().send("POST", "/whip/" + room, stream.get("publishToken").getAsString(), SDP,
                offer("publish-offer.sdp"));
        assertEquals(201, r.status(), r.body());
        assertEquals(SDP, r.header("Content-Type"));
        String location = r.header("Location");
        assertTrue(location.startsWith("/whip/" + room + "/"), location);
        assertNotNull(r.header("ETag"));
        assertTrue(r.body().startsWith("v=0"), r.body());
        assertTrue(r.body().contains("a=recvonly"), r.body());
        assertTrue(r.body().contains("a=setup:passive"), r.body());
        assertEquals("*", r.header("Access-Control-Allow-Origin"));
        assertTrue(r.header("Access-Control-Expose-Headers").contains("Location"));

        assertEquals("live", Poll.until("live", java.time.Duration.ofSeconds(5), () ->
                "live".equals(api().get(stream.get("id").getAsString()).get("state").getAsString()) ? "live" : null,
                () -> api().get(stream.get("id").getAsString()).toString()));

        StreamsApi.Reply trickle = api().send("PATCH", location, null, FRAG, "a=mid:0\r\n" + CANDIDATE,
                r.header("ETag"));
        assertEquals(204, trickle.status(), trickle.body());

        StreamsApi.Reply wrongType = api().send("PATCH", location, null, "text/plain", CANDIDATE);
        assertError(wrongType, 415, "unsupported-media-type");
        assertEquals(FRAG, wrongType.header("Accept-Patch"));
        assertError(api().send("PATCH", location, null, FRAG, CANDIDATE, "\"stale\""), 412, "precondition-failed");
        assertError(api().send("PATCH", location, null, FRAG, "this is not sdp\r\n"), 400, "invalid-sdpfrag");
        assertError(api().send("PATCH", location, null, FRAG, "a=ice-ufrag:onlyUfrag\r\n"), 400, "invalid-sdpfrag");

        StreamsApi.Reply restart = api().send("PATCH", location, null, FRAG,
                "a=ice-ufrag:pubB\r\na=ice-pwd:anotherpublisherpassword\r\na=mid:0\r\n" + CANDIDATE, "*");
        assertEquals(200, restart.status(), restart.body());
        assertEquals(FRAG, restart.header("Content-Type"));
        assertTrue(restart.body().contains("a=ice-ufrag:"), restart.body());
        assertTrue(restart.body().contains("a=ice-pwd:"), restart.body());
        assertTrue(restart.body().contains("a=candidate:"), restart.body());
        assertNotEquals(r.header("ETag"), restart.header("ETag"), "an ICE restart changes the ETag");
        assertError(api().send("PATCH", location, null, FRAG, CANDIDATE, r.header("ETag")), 412,
                "precondition-failed");

        assertError(api().send("GET", location, null, null, null), 405, "method-not-allowed");
        assertEquals(200, api().send("DELETE", location, null, null, null).status());
        assertError(api().send("DELETE", location, null, null, null), 404, "session-not-found");
        assertError(api().send("PATCH", location, null, FRAG, CANDIDATE), 404, "session-not-found");
        Poll.until("idle after DELETE", java.time.Duration.ofSeconds(5), () ->
                "idle".equals(api().get(stream.get("id").getAsString()).get("state").getAsString()) ? true : null,
                () -> api().get(stream.get("id").getAsString()).toString());
    }

    @Test
    void whipRefusals() {
        JsonObject stream = api().create("refusals", true);
        String room = stream.get("room").getAsString();
        String offer = offer("publish-offer.sdp");
        String host = stream.get("publishToken").getAsString();
        assertError(api().send("POST", "/whip/" + room, host, "application/json", offer), 415,
                "unsupported-media-type");
        StreamsApi.Reply noToken = api().send("POST", "/whip/" + room, null, SDP, offer);
        assertError(noToken, 401, "unauthorized");
        assertEquals("Bearer", noToken.header("WWW-Authenticate"));
        assertError(api().send("POST", "/whip/" + room, host + "x", SDP, offer), 401, "unauthorized");
        assertError(api().send("POST", "/whip/" + room, token("another-room", Role.HOST), SDP, offer), 401,
                "unauthorized");
        assertError(api().send("POST", "/whip/" + room, token(room, Role.VIEWER), SDP, offer), 403, "forbidden");
        assertError(api().send("POST", "/whip/" + room, token(room, Role.PARTICIPANT), SDP, offer), 403,
                "forbidden");
        assertError(api().send("POST", "/whip/" + room, host, SDP, ""), 400, "invalid-sdp");
        assertError(api().send("POST", "/whip/" + room, host, SDP, "v=0\r\nnonsense\r\n"), 400, "invalid-sdp");
        assertError(api().send("POST", "/whip/" + room, host, SDP, offer("watch-offer.sdp")), 400, "invalid-sdp");
        assertError(api().send("POST", "/whip/bad%20room", host, SDP, offer), 404, "not-found");
        assertError(api().send("PUT", "/whip/" + room, host, SDP, offer), 405, "method-not-allowed");
        assertError(api().send("DELETE", "/whip/" + room + "/no-such-session", null, null, null), 404,
                "session-not-found");

        assertEquals(200, api().stop(stream.get("id").getAsString()).status());
        assertError(api().send("POST", "/whip/" + room, host, SDP, offer), 409, "room-closed");
        assertEquals(200, api().send("GET", "/api/health", null, null, null).status(), "the server keeps running");
    }

    @Test
    void preflight() {
        StreamsApi.Reply endpoint = api().send("OPTIONS", "/whip/anything", null, null, null);
        assertEquals(204, endpoint.status());
        assertEquals("*", endpoint.header("Access-Control-Allow-Origin"));
        assertTrue(endpoint.header("Access-Control-Allow-Methods").contains("POST"));
        assertTrue(endpoint.header("Access-Control-Allow-Headers").contains("Authorization"));
        assertEquals(SDP, endpoint.header("Accept-Post"));
        StreamsApi.Reply session = api().send("OPTIONS", "/whep/anything/some-session", null, null, null);
        assertEquals(204, session.status());
        assertTrue(session.header("Access-Control-Allow-Methods").contains("PATCH"));
        assertTrue(session.header("Access-Control-Allow-Methods").contains("DELETE"));
    }

    @Test
    void whepWatchSemantics() {
        JsonObject open = api().create("public", true);
        String room = open.get("room").getAsString();
        String offer = offer("watch-offer.sdp");
        StreamsApi.Reply r = api().send("POST", "/whep/" + room, null, SDP, offer);
        assertEquals(201, r.status(), "a public stream is watched without a token, also before it is live: "
                + r.body());
        assertTrue(r.body().contains("a=sendonly"), r.body());
        assertTrue(r.body().contains("a=rtpmap:96 VP8/90000"), r.body());
        assertTrue(r.body().contains("a=ssrc:"), r.body());
        String location = r.header("Location");
        assertTrue(location.startsWith("/whep/" + room + "/"), location);
        assertEquals(1, api().get(open.get("id").getAsString()).get("viewers").getAsInt());

        assertEquals(204, api().send("PATCH", location, null, FRAG, "a=mid:0\r\n" + CANDIDATE).status());
        StreamsApi.Reply restart = api().send("PATCH", location, null, FRAG,
                "a=ice-ufrag:viewB\r\na=ice-pwd:anotherviewerpassword00\r\n", r.header("ETag"));
        assertEquals(200, restart.status(), restart.body());
        assertTrue(restart.body().contains("a=ice-ufrag:"), restart.body());
        assertNotEquals(r.header("ETag"), restart.header("ETag"));
        assertEquals(200, api().send("DELETE", location, null, null, null).status());
        assertEquals(0, api().get(open.get("id").getAsString()).get("viewers").getAsInt());

        assertError(api().send("POST", "/whep/" + room, null, SDP, offer("publish-offer.sdp")), 400, "invalid-sdp");
        assertError(api().send("POST", "/whep/" + room, null, "text/plain", offer), 415, "unsupported-media-type");
        StreamsApi.Reply noSuchHost = api().send("POST", "/whep/" + room + "?participant=nobody", null, SDP, offer);
        assertError(noSuchHost, 404, "participant-not-found");
        assertEquals("participant", noSuchHost.json().get("field").getAsString());
        assertError(api().send("POST", "/whep/nobody-publishes-here", null, SDP, offer), 404, "room-not-found");

        JsonObject hidden = api().create("private", false);
        String privateRoom = hidden.get("room").getAsString();
        assertError(api().send("POST", "/whep/" + privateRoom, null, SDP, offer), 401, "unauthorized");
        assertError(api().send("POST", "/whep/" + privateRoom, token(room, Role.VIEWER), SDP, offer), 401,
                "unauthorized");
        StreamsApi.Reply withToken = api().send("POST", "/whep/" + privateRoom, token(privateRoom, Role.VIEWER), SDP,
                offer);
        assertEquals(201, withToken.status(), withToken.body());

        assertEquals(200, api().stop(hidden.get("id").getAsString()).status());
        assertError(api().send("PATCH", withToken.header("Location"), null, FRAG, CANDIDATE), 404,
                "session-not-found");
        assertError(api().send("POST", "/whep/" + privateRoom, token(privateRoom, Role.VIEWER), SDP, offer), 409,
                "room-closed");
    }

    static void assertError(StreamsApi.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        JsonObject body = r.json();
        assertEquals(code, body.get("error").getAsString(), r.body());
        assertTrue(body.has("message") && !body.get("message").getAsString().isBlank(), r.body());
    }

    static String offer(String name) {
        try (InputStream in = WhipConformanceTest.class.getResourceAsStream("/whip/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
