package dev.vireo.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Role;
import dev.vireo.auth.Tokens;
import dev.vireo.signaling.messages.IceServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Host controls over signaling, in front of the real SFU: the server refuses them to participants whatever their
 * client sends, and carries them out for hosts (mute, camera off, remove and keep out, make host, end for all).
 */
class HostControlsTest {
    private static final SignalingLimits LIMITS = new SignalingLimits(65536, 50, 100, Duration.ofSeconds(30),
            Duration.ZERO);
    private static final String ROOM = "standup";
    private static final Duration QUIET = Duration.ofMillis(300);
    private final Tokens tokens = TestAccess.tokens();
    private LoopbackSfu sfu;
    private SignalingServer server;

    @BeforeEach
    void start() throws IOException {
        sfu = LoopbackSfu.start();
        // Stands in for TURN: every joiner gets its own credential naming it.
        IceServerSource ice = id -> List.of(new IceServer(List.of("turn:127.0.0.1:3478"), "9:" + id, "pw-" + id));
        server = SignalingServer.start(new InetSocketAddress("127.0.0.1", 0), sfu.plane(), LIMITS, ice,
                TestAccess.open());
    }

    @AfterEach
    void stop() {
        server.close();
        sfu.close();
    }

    private String token(String identity, Role role) {
        return tokens.issue(new AccessToken(ROOM, identity, identity, role, Instant.now().plusSeconds(300)));
    }

    private static String join(String token) {
        return "{\"type\":\"join\",\"version\":1,\"room\":\"" + ROOM + "\",\"token\":\"" + token + "\"}";
    }

    private static String action(String action, String target) {
        return "{\"type\":\"host-action\",\"action\":\"" + action + "\""
                + (target == null ? "" : ",\"participantId\":\"" + target + "\"") + "}";
    }

    /** Host, then two guests; everyone's queue drained of the joins. */
    private record Room(TestClient host, String hostId, TestClient guest, String guestId, String guestToken,
                        TestClient other, String otherId) {
    }

    private Room room(TestClient host, TestClient guest, TestClient other) {
        JsonObject hostJoined = host.send(join(token("hanna", Role.HOST))).next("joined");
        assertEquals("host", hostJoined.get("role").getAsString());
        String guestToken = token("gus", Role.PARTICIPANT);
        JsonObject guestJoined = guest.send(join(guestToken)).next("joined");
        JsonObject otherJoined = other.send(join(token("olga", Role.PARTICIPANT))).next("joined");
        // Everyone sees who the host is.
        JsonArray seen = otherJoined.getAsJsonArray("participants");
        assertEquals("host", seen.get(0).getAsJsonObject().get("role").getAsString());
        assertEquals("participant", seen.get(1).getAsJsonObject().get("role").getAsString());
        host.drain(QUIET);
        guest.drain(QUIET);
        return new Room(host, hostJoined.get("participantId").getAsString(), guest,
                guestJoined.get("participantId").getAsString(), guestToken, other,
                otherJoined.get("participantId").getAsString());
    }

    @Test
    void aParticipantsHostControlsAreRefusedAndChangeNothing() {
        try (TestClient host = TestClient.connect(server.port());
             TestClient guest = TestClient.connect(server.port());
             TestClient other = TestClient.connect(server.port())) {
            Room r = room(host, guest, other);
            for (String a : List.of("mute-audio", "mute-video", "remove", "make-host")) {
                JsonObject error = guest.send(action(a, r.otherId())).nextError("forbidden");
                assertEquals("host-action", error.get("requestType").getAsString());
                guest.send(action(a, r.hostId())).nextError("forbidden");
            }
            guest.send(action("end-meeting", null)).nextError("forbidden");
            other.expectSilence(QUIET);
            host.expectSilence(Duration.ofMillis(50));
            assertEquals(3, sfu.participantsIn(ROOM));
            guest.roundTrip();
        }
    }

    @Test
    void aHostMutesTheTargetHearsItAndTheOthersSeeIt() {
        try (TestClient host = TestClient.connect(server.port());
             TestClient guest = TestClient.connect(server.port());
             TestClient other = TestClient.connect(server.port())) {
            Room r = room(host, guest, other);
            host.send(action("mute-audio", r.guestId()));
            JsonObject muted = guest.next("muted-by-host");
            assertTrue(muted.get("audio").getAsBoolean());
            assertFalse(muted.has("video"));
            assertEquals(r.hostId(), muted.get("by").getAsString());
            for (TestClient watcher : List.of(host, other)) {
                JsonObject p = watcher.next("participant-updated").getAsJsonObject("participant");
                assertEquals(r.guestId(), p.get("id").getAsString());
                assertTrue(p.get("audioMuted").getAsBoolean());
                assertFalse(p.get("videoMuted").getAsBoolean());
            }
            host.send(action("mute-video", r.guestId()));
            assertTrue(guest.next("muted-by-host").get("video").getAsBoolean());
            assertTrue(other.next("participant-updated").getAsJsonObject("participant").get("videoMuted")
                    .getAsBoolean());
            // The guest may unmute itself: the host asks, it does not lock.
            guest.send("{\"type\":\"mute\",\"audio\":false}");
            assertFalse(other.next("participant-updated").getAsJsonObject("participant").get("audioMuted")
                    .getAsBoolean());
            // Acting on oneself or on nobody is a bad request, not a crash.
            host.drain(QUIET);
            host.send(action("remove", r.hostId())).nextError("bad-request");
            host.send(action("mute-audio", "nobody")).nextError("bad-request");
            host.send("{\"type\":\"host-action\",\"action\":\"explode\",\"participantId\":\"x\"}")
                    .nextError("bad-request");
            host.send("{\"type\":\"host-action\",\"action\":\"remove\"}").nextError("bad-request");
        }
    }

    @Test
    void aRemovedGuestHearsByeTheOthersSeeItLeaveAndItsTokenCannotRejoin() {
        try (TestClient host = TestClient.connect(server.port());
             TestClient guest = TestClient.connect(server.port());
             TestClient other = TestClient.connect(server.port())) {
            Room r = room(host, guest, other);
            host.send(action("remove", r.guestId()));
            JsonObject bye = guest.next("bye");
            assertEquals("removed", bye.get("reason").getAsString());
            assertEquals(1000, guest.closeCode());
            for (TestClient watcher : List.of(host, other)) {
                JsonObject left = watcher.next("participant-left");
                assertEquals(r.guestId(), left.get("participantId").getAsString());
                assertEquals("removed", left.get("reason").getAsString());
            }
            assertEquals(2, sfu.participantsIn(ROOM));
            try (TestClient again = TestClient.connect(server.port())) {
                JsonObject error = again.send(join(r.guestToken())).nextError("forbidden");
                assertTrue(error.get("message").getAsString().contains("removed"), error.toString());
                // Another identity may still come in.
                again.send(join(token("newcomer", Role.PARTICIPANT))).next("joined");
            }
        }
    }

    @Test
    void aPromotedParticipantBecomesHostForEveryoneAndCanThenUseTheControls() {
        try (TestClient host = TestClient.connect(server.port());
             TestClient guest = TestClient.connect(server.port());
             TestClient other = TestClient.connect(server.port())) {
            Room r = room(host, guest, other);
            host.send(action("make-host", r.guestId()));
            for (TestClient everyone : List.of(host, guest, other)) {
                JsonObject p = everyone.next("participant-updated").getAsJsonObject("participant");
                assertEquals(r.guestId(), p.get("id").getAsString());
                assertEquals("host", p.get("role").getAsString());
            }
            guest.send(action("mute-audio", r.otherId()));
            assertEquals(r.guestId(), other.next("muted-by-host").get("by").getAsString());
        }
    }

    @Test
    void endForAllSaysByeToEveryoneAndEmptiesTheRoom() {
        try (TestClient host = TestClient.connect(server.port());
             TestClient guest = TestClient.connect(server.port());
             TestClient other = TestClient.connect(server.port())) {
            room(host, guest, other);
            other.drain(QUIET);
            host.send(action("end-meeting", null));
            for (TestClient everyone : List.of(host, guest, other)) {
                JsonObject bye = everyone.next("bye");
                assertEquals("meeting-ended", bye.get("reason").getAsString(), bye.toString());
                assertEquals(1000, everyone.closeCode());
            }
            assertEquals(0, server.roomCount());
            assertEquals(0, sfu.participantsIn(ROOM));
        }
    }

    @Test
    void theServerSideEndsAMeetingForEveryoneWithAReason() {
        try (TestClient a = TestClient.connect(server.port());
             TestClient b = TestClient.connect(server.port())) {
            a.join(ROOM, "Ann");
            b.join(ROOM, "Ben");
            assertEquals(2, server.endMeeting(ROOM, "the meeting was cancelled"));
            for (TestClient c : List.of(a, b)) {
                JsonObject bye = c.drain(QUIET).stream().filter(m -> m.get("type").getAsString().equals("bye"))
                        .findFirst().orElseThrow();
                assertEquals("meeting-ended", bye.get("reason").getAsString());
                assertEquals("the meeting was cancelled", bye.get("message").getAsString());
            }
            assertEquals(0, server.endMeeting(ROOM, "again"));
        }
    }

    @Test
    void joinedCarriesIceServersMadeForTheJoiner() {
        try (TestClient a = TestClient.connect(server.port())) {
            JsonObject joined = a.join(ROOM, "Ann");
            String id = joined.get("participantId").getAsString();
            JsonObject ice = joined.getAsJsonArray("iceServers").get(0).getAsJsonObject();
            assertEquals("9:" + id, ice.get("username").getAsString());
            assertEquals("participant", joined.get("role").getAsString());
        }
    }
}
