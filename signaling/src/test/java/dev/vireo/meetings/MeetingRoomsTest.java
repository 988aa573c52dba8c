package dev.vireo.meetings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Role;
import dev.vireo.auth.Tokens;
import dev.vireo.server.VireoServer;
import dev.vireo.signaling.TestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scheduled meetings' rooms over real signaling: the time window, tokens, the password and the lobby
 * ({@code lobby-waiting}, {@code knock}, {@code admit}/{@code deny}, {@code knock-withdrawn}), and deletion.
 */
class MeetingRoomsTest {
    private static VireoServer server;
    private static MeetingsApi api;

    @BeforeAll
    static void start() throws Exception {
        server = MeetingsApi.start(Files.createTempDirectory("vireo-meeting-rooms-"));
        api = new MeetingsApi(server.httpPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A meeting starting {@code startIn} from now (negative: already started). */
    static JsonObject schedule(Duration startIn, int minutes, String extra) {
        String start = OffsetDateTime.now(ZoneOffset.UTC).plus(startIn).truncatedTo(ChronoUnit.SECONDS).toString();
        MeetingsApi.Reply r = api.call("POST", "/api/meetings", "{\"title\":\"Room test\",\"startsAt\":\"" + start
                + "\",\"durationMinutes\":" + minutes + ",\"timeZone\":\"Europe/Berlin\"" + extra + "}");
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    static String hostToken(JsonObject meeting) {
        String url = meeting.get("hostUrl").getAsString();
        return url.substring(url.indexOf("?token=") + 7);
    }

    static String join(String room, String name, String token, String password) {
        return "{\"type\":\"join\",\"version\":1,\"room\":\"" + room + "\",\"name\":\"" + name + "\""
                + (token == null ? "" : ",\"token\":\"" + token + "\"")
                + (password == null ? "" : ",\"password\":\"" + password + "\"") + "}";
    }

    @Test
    void theRoomOpensBeforeTheStartAndClosesAfterTheEndPlusGrace() {
        JsonObject later = schedule(Duration.ofHours(2), 30, "");
        JsonObject soon = schedule(Duration.ofMinutes(8), 30, "");
        JsonObject over = schedule(Duration.ofHours(-3), 30, "");
        JsonObject justOver = schedule(Duration.ofMinutes(-40), 30, "");
        try (TestClient c = TestClient.connect(server.signalingPort())) {
            String expectedTime = OffsetDateTime.parse(later.get("startsAt").getAsString()).toLocalTime().toString()
                    .substring(0, 5);
            JsonObject early = c.send(join(later.get("room").getAsString(), "Ann", null, null))
                    .nextError("room-closed");
            assertTrue(early.get("message").getAsString().contains("starts at " + expectedTime + " Europe/Berlin"),
                    early.toString());
            JsonObject hostEarly = c.send(join(later.get("room").getAsString(), "Ann", hostToken(later), null))
                    .nextError("room-closed");
            assertTrue(hostEarly.get("message").getAsString().contains("starts at"));
            JsonObject ended = c.send(join(over.get("room").getAsString(), "Ann", null, null))
                    .nextError("room-closed");
            assertTrue(ended.get("message").getAsString().contains("ended at"), ended.toString());
            c.send(join(justOver.get("room").getAsString(), "Ann", null, null)).next("joined");
        }
        try (TestClient c = TestClient.connect(server.signalingPort())) {
            JsonObject joined = c.send(join(soon.get("room").getAsString(), "Ann", null, null)).next("joined");
            assertEquals("participant", joined.get("role").getAsString());
            assertEquals("meeting", joined.get("roomKind").getAsString());
        }
    }

    @Test
    void expiredForgedAndOtherRoomTokensAreRefused() {
        JsonObject m = schedule(Duration.ofMinutes(-5), 60, "");
        JsonObject other = schedule(Duration.ofMinutes(-5), 60, "");
        String room = m.get("room").getAsString();
        Tokens forger = new Tokens("another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC());
        String forged = forger.issue(new AccessToken(room, "x", "X", Role.HOST,
                java.time.Instant.now().plusSeconds(600)));
        String expired = server.tokens().issue(new AccessToken(room, "x", "X", Role.HOST,
                java.time.Instant.now().minusSeconds(1)));
        try (TestClient c = TestClient.connect(server.signalingPort())) {
            for (String bad : List.of(forged, expired, hostToken(other))) {
                JsonObject error = c.send(join(room, "Eve", bad, null)).nextError("unauthorized");
                assertFalse(error.get("message").getAsString().contains(bad));
            }
            assertEquals("host", c.send(join(room, "Eve", hostToken(m), null)).next("joined").get("role")
                    .getAsString());
        }
    }

    @Test
    void aPasswordIsAskedForCheckedAndSkippedByHosts() {
        JsonObject m = schedule(Duration.ofMinutes(-5), 60, ",\"password\":\"open sesame\"");
        String room = m.get("room").getAsString();
        try (TestClient guest = TestClient.connect(server.signalingPort());
             TestClient host = TestClient.connect(server.signalingPort())) {
            guest.send(join(room, "Guest", null, null)).nextError("password-required");
            guest.send(join(room, "Guest", null, "open sesam")).nextError("wrong-password");
            guest.send(join(room, "Guest", null, "open sesame")).next("joined");
            host.send(join(room, "Host", hostToken(m), null)).next("joined");
        }
    }

    @Test
    void guestsWaitInTheLobbyUntilAHostAdmitsOrDeniesThem() {
        JsonObject m = schedule(Duration.ofMinutes(-5), 60, ",\"lobby\":true");
        String room = m.get("room").getAsString();
        try (TestClient alice = TestClient.connect(server.signalingPort());
             TestClient host = TestClient.connect(server.signalingPort());
             TestClient bob = TestClient.connect(server.signalingPort());
             TestClient carol = TestClient.connect(server.signalingPort())) {
            // Alice knocks before any host is there; the host sees her knock on arrival.
            JsonObject waiting = alice.send(join(room, "Alice", null, null)).next("lobby-waiting");
            String aliceKnock = waiting.get("knockId").getAsString();
            alice.send("{\"type\":\"publish-offer\",\"sdp\":\"v=0\"}").nextError("not-joined");
            alice.send(join(room, "Alice", null, null)).nextError("already-joined");
            host.send(join(room, "Host", hostToken(m), null)).next("joined");
            JsonObject knock = host.next("knock");
            assertEquals(aliceKnock, knock.get("knockId").getAsString());
            assertEquals("Alice", knock.get("name").getAsString());

            host.send("{\"type\":\"admit\",\"knockId\":\"" + aliceKnock + "\"}");
            assertEquals("admitted", host.next("knock-withdrawn").get("reason").getAsString());
            JsonObject joined = alice.next("joined");
            assertEquals("participant", joined.get("role").getAsString());
            assertEquals("Alice", host.next("participant-joined").getAsJsonObject("participant").get("name")
                    .getAsString());

            // A participant cannot decide; a stale knock id is refused.
            alice.send("{\"type\":\"admit\",\"knockId\":\"" + aliceKnock + "\"}").nextError("forbidden");
            host.send("{\"type\":\"admit\",\"knockId\":\"" + aliceKnock + "\"}").nextError("no-such-knock");

            // Bob knocks while the host is there, and is denied.
            String bobKnock = bob.send(join(room, "Bob", null, null)).next("lobby-waiting").get("knockId")
                    .getAsString();
            assertEquals(bobKnock, host.next("knock").get("knockId").getAsString());
            host.send("{\"type\":\"deny\",\"knockId\":\"" + bobKnock + "\"}");
            assertEquals("denied", host.next("knock-withdrawn").get("reason").getAsString());
            assertEquals("denied", bob.next("bye").get("reason").getAsString());
            assertEquals(1000, bob.closeCode());

            // Carol gives up waiting: the host's list drops her.
            String carolKnock = carol.send(join(room, "Carol", null, null)).next("lobby-waiting").get("knockId")
                    .getAsString();
            assertEquals(carolKnock, host.next("knock").get("knockId").getAsString());
            carol.close();
            JsonObject withdrawn = host.next("knock-withdrawn");
            assertEquals(carolKnock, withdrawn.get("knockId").getAsString());
            assertEquals("left", withdrawn.get("reason").getAsString());
            alice.expectSilence(Duration.ofMillis(300));
        }
    }

    @Test
    void deletingAMeetingInProgressEndsItForEveryone() {
        JsonObject m = schedule(Duration.ofMinutes(-5), 60, ",\"lobby\":true");
        String room = m.get("room").getAsString();
        try (TestClient host = TestClient.connect(server.signalingPort());
             TestClient waiting = TestClient.connect(server.signalingPort())) {
            host.send(join(room, "Host", hostToken(m), null)).next("joined");
            waiting.send(join(room, "Guest", null, null)).next("lobby-waiting");
            host.next("knock");
            assertEquals(204, api.call("DELETE", "/api/meetings/" + m.get("id").getAsString(), null).status());
            for (TestClient c : List.of(host, waiting)) {
                JsonObject bye = c.next("bye");
                assertEquals("room-closed", bye.get("reason").getAsString());
                assertTrue(bye.get("message").getAsString().contains("deleted"));
            }
        }
        try (TestClient late = TestClient.connect(server.signalingPort())) {
            late.send(join(room, "Late", null, null)).nextError("room-not-found");
        }
    }
}
