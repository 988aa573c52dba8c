package dev.vireo.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Admission;
import dev.vireo.auth.Role;
import dev.vireo.auth.RoomAccess;
import dev.vireo.auth.RoomKind;
import dev.vireo.auth.Tokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens and roles on signaling's {@code join} and {@code publish-offer}, in front of the real SFU: a bad token is
 * refused (and the connection stays usable), a viewer cannot publish, a closed server needs a token.
 */
class AccessControlTest {
    private static final SignalingLimits LIMITS = new SignalingLimits(65536, 50, 100, Duration.ofSeconds(30),
            Duration.ZERO);
    private final Tokens tokens = TestAccess.tokens();
    private LoopbackSfu sfu;
    private SignalingServer server;

    @BeforeEach
    void start() throws IOException {
        sfu = LoopbackSfu.start();
        RoomAccess access = new RoomAccess(tokens, false);
        // A stand-in for streams: rooms named live-* are broadcasts that anyone may watch.
        access.addRule((room, token) -> !room.startsWith("live-") ? Optional.empty()
                : Optional.of(token == null ? new Admission(RoomKind.BROADCAST, Role.VIEWER, null, null)
                        : Admission.of(RoomKind.BROADCAST, token)));
        server = SignalingServer.start(new InetSocketAddress("127.0.0.1", 0), sfu.plane(), LIMITS, List.of(), access);
    }

    @AfterEach
    void stop() {
        server.close();
        sfu.close();
    }

    private String token(String room, Role role, Instant expiry) {
        return tokens.issue(new AccessToken(room, "cam-1", "Camera One", role, expiry));
    }

    private static String join(String room, String token) {
        return "{\"type\":\"join\",\"version\":1,\"room\":\"" + room + "\",\"name\":\"typed\""
                + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}";
    }

    @Test
    void withoutATokenAClosedServerRefusesTheJoinAndTheConnectionStaysUsable() {
        try (TestClient client = TestClient.connect(server.port())) {
            JsonObject error = client.send(join("standup", null)).nextError("unauthorized");
            assertEquals("join", error.get("requestType").getAsString());
            JsonObject joined = client.send(join("standup", token("standup", Role.PARTICIPANT,
                    Instant.now().plusSeconds(60)))).next("joined");
            assertEquals("participant", joined.get("role").getAsString());
            assertEquals("meeting", joined.get("roomKind").getAsString());
            assertTrue(joined.get("mayPublish").getAsBoolean());
            assertEquals(1, sfu.participantsIn("standup"));
        }
    }

    @Test
    void expiredForgedAndOtherRoomTokensAreRefused() {
        Tokens forger = new Tokens("a-different-secret-a-different-sec".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC());
        String forged = forger.issue(new AccessToken("standup", "x", "X", Role.HOST, Instant.now().plusSeconds(60)));
        try (TestClient client = TestClient.connect(server.port())) {
            for (String bad : List.of(token("standup", Role.HOST, Instant.now().minusSeconds(1)), forged,
                    token("elsewhere", Role.HOST, Instant.now().plusSeconds(60)))) {
                JsonObject error = client.send(join("standup", bad)).nextError("unauthorized");
                assertFalse(error.get("message").getAsString().contains(bad), "never echo a token");
            }
            assertEquals(0, sfu.participantsIn("standup"));
        }
    }

    @Test
    void aViewerCannotPublishAndAHostCan() {
        try (TestClient viewer = TestClient.connect(server.port());
             TestClient host = TestClient.connect(server.port())) {
            JsonObject joined = viewer.send(join("live-1", null)).next("joined");
            assertEquals("viewer", joined.get("role").getAsString());
            assertEquals("broadcast", joined.get("roomKind").getAsString());
            assertFalse(joined.get("mayPublish").getAsBoolean());
            viewer.send(Sdp.message("publish-offer", Sdp.AUDIO_VIDEO_OFFER)).nextError("forbidden");

            JsonObject hostJoined = host.send(join("live-1", token("live-1", Role.HOST,
                    Instant.now().plusSeconds(60)))).next("joined");
            assertEquals("Camera One", hostJoined.get("role").getAsString().equals("host")
                    ? nameOf(viewer, hostJoined.get("participantId").getAsString()) : "");
            assertTrue(hostJoined.get("mayPublish").getAsBoolean());
            assertTrue(host.publish(Sdp.AUDIO_VIDEO_OFFER).get("sdp").getAsString().startsWith("v=0"));
        }
    }

    /** The name the viewer was told for a newcomer: the token's, not the typed one. */
    private static String nameOf(TestClient viewer, String participantId) {
        JsonObject news = viewer.next("participant-joined").getAsJsonObject("participant");
        assertEquals(participantId, news.get("id").getAsString());
        return news.get("name").getAsString();
    }
}
