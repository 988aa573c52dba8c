package dev.vireo.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Admission;
import dev.vireo.auth.Role;
import dev.vireo.auth.RoomAccess;
import dev.vireo.auth.RoomKind;
import dev.vireo.auth.Tokens;
import dev.vireo.signaling.messages.ErrorCode;
import dev.vireo.signaling.messages.Joined;
import dev.vireo.signaling.messages.ProtocolException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Broadcast rooms over signaling: viewers are neither listed nor announced to anyone, hosts are; ending a room
 * says {@code bye} with the reason to everyone; a WHIP publisher ({@link HeadlessClient}) is a participant like any.
 */
class BroadcastRoomTest {
    private static final SignalingLimits LIMITS = new SignalingLimits(65536, 50, 100, Duration.ofSeconds(30),
            Duration.ZERO);
    private static final Duration QUIET = Duration.ofMillis(400);
    private final Tokens tokens = TestAccess.tokens();
    private LoopbackSfu sfu;
    private SignalingServer server;

    @BeforeEach
    void start() throws IOException {
        sfu = LoopbackSfu.start();
        RoomAccess access = new RoomAccess(tokens, false);
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

    private String hostToken(String room) {
        return tokens.issue(new AccessToken(room, "host-1", "The Host", Role.HOST, Instant.now().plusSeconds(60)));
    }

    private static String join(String room, String name, String token) {
        return "{\"type\":\"join\",\"version\":1,\"room\":\"" + room + "\",\"name\":\"" + name + "\""
                + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}";
    }

    @Test
    void viewersDoNotSeeEachOtherButEveryoneSeesTheHost() {
        try (TestClient first = TestClient.connect(server.port());
             TestClient second = TestClient.connect(server.port());
             TestClient host = TestClient.connect(server.port())) {
            first.send(join("live-1", "v1", null)).next("joined");
            JsonObject secondJoined = second.send(join("live-1", "v2", null)).next("joined");
            assertEquals(0, secondJoined.getAsJsonArray("participants").size(), "a viewer is not listed to others");
            assertTrue(types(first.drain(QUIET)).stream().noneMatch(t -> t.startsWith("participant-")),
                    "a viewer's arrival is not announced");
            assertEquals(2, server.hiddenParticipants("live-1"));

            JsonObject hostJoined = host.send(join("live-1", "typed", hostToken("live-1"))).next("joined");
            assertEquals(0, hostJoined.getAsJsonArray("participants").size(), "the host does not list viewers");
            String hostId = hostJoined.get("participantId").getAsString();
            assertEquals(hostId, first.next("participant-joined").getAsJsonObject("participant").get("id")
                    .getAsString());
            assertEquals(hostId, second.next("participant-joined").getAsJsonObject("participant").get("id")
                    .getAsString());

            second.send("{\"type\":\"leave\"}").next("bye");
            assertTrue(types(first.drain(QUIET)).stream().noneMatch(t -> t.equals("participant-left")),
                    "a viewer's departure is not announced");
            assertTrue(types(host.drain(QUIET)).stream().noneMatch(t -> t.equals("participant-left")));
            assertEquals(1, server.hiddenParticipants("live-1"));
        }
    }

    @Test
    void endingARoomSaysByeWithTheReasonToEveryone() {
        try (TestClient viewer = TestClient.connect(server.port());
             TestClient host = TestClient.connect(server.port())) {
            viewer.send(join("live-2", "v", null)).next("joined");
            host.send(join("live-2", "h", hostToken("live-2"))).next("joined");
            viewer.next("participant-joined");
            server.closeRoom("live-2", "stream-ended", null);
            assertEquals("stream-ended", skipUntil(viewer, "bye").get("reason").getAsString());
            assertEquals("stream-ended", skipUntil(host, "bye").get("reason").getAsString());
            assertEquals(0, sfu.participantsIn("live-2"));
        }
    }

    @Test
    void aHeadlessPublisherIsAnnouncedAndCanBeEnded() throws Exception {
        try (TestClient viewer = TestClient.connect(server.port())) {
            viewer.send(join("live-3", "v", null)).next("joined");
            HeadlessClient whip = server.headlessClient("whip#test");
            List<String> endings = new java.util.concurrent.CopyOnWriteArrayList<>();
            whip.onEnded(endings::add);
            Joined joined = whip.join("live-3", "WHIP", hostToken("live-3"));
            assertTrue(joined.mayPublish());
            assertEquals(joined.participantId(), viewer.next("participant-joined").getAsJsonObject("participant")
                    .get("id").getAsString());
            assertTrue(whip.publish(Sdp.AUDIO_VIDEO_OFFER).startsWith("v=0"));
            ProtocolException bad = assertThrows(ProtocolException.class, () -> whip.publish("not sdp"));
            assertEquals(ErrorCode.INVALID_SDP, bad.code());

            server.closeRoom("live-3", "stream-ended", null);
            assertEquals("stream-ended", skipUntil(viewer, "bye").get("reason").getAsString());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (endings.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of("stream-ended"), endings);
            assertEquals(0, sfu.participantsIn("live-3"));
        }
    }

    @Test
    void aHeadlessViewerIsRefusedWithTheSignalingCode() {
        HeadlessClient whip = server.headlessClient("whip#refused");
        ProtocolException refused = assertThrows(ProtocolException.class, () -> whip.join("standup", "x", null));
        assertEquals(ErrorCode.UNAUTHORIZED, refused.code());
        assertFalse(refused.getMessage().isBlank());
    }

    /** The next message of {@code type}, skipping media negotiation (subscribe offers, candidates). */
    private static JsonObject skipUntil(TestClient client, String type) {
        while (true) {
            JsonObject message = client.next();
            if (message.get("type").getAsString().equals(type)) {
                return message;
            }
        }
    }

    private static List<String> types(List<JsonObject> messages) {
        return messages.stream().map(m -> m.get("type").getAsString()).toList();
    }
}
