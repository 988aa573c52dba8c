package dev.vireo.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vireo.sfu.PeerConnectionRole;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signaling flows over a real WebSocket on 127.0.0.1, with a fake media plane. */
class SignalingServerTest {
    private FakeMediaPlane media;
    private SignalingServer server;

    @BeforeEach
    void start() throws IOException {
        media = new FakeMediaPlane();
        server = SignalingServer.start(new InetSocketAddress("127.0.0.1", 0), media,
                new SignalingLimits(65536, 50, 100, Duration.ofSeconds(30)), List.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void joinListsTheOthersAndAnnouncesTheNewcomer() {
        try (TestClient alice = TestClient.connect(server.port()); TestClient bob = TestClient.connect(server.port())) {
            JsonObject aliceJoined = alice.join("standup", "Alice");
            assertEquals(1, aliceJoined.get("version").getAsInt());
            assertEquals("standup", aliceJoined.get("room").getAsString());
            assertEquals(0, aliceJoined.getAsJsonArray("participants").size());
            assertEquals(0, aliceJoined.getAsJsonArray("iceServers").size());
            String aliceId = aliceJoined.get("participantId").getAsString();
            assertTrue(aliceId.matches("[A-Za-z0-9_-]{16}"), aliceId);

            JsonObject bobJoined = bob.join("standup", "Bob");
            String bobId = bobJoined.get("participantId").getAsString();
            assertNotEquals(aliceId, bobId);
            JsonArray others = bobJoined.getAsJsonArray("participants");
            assertEquals(1, others.size());
            assertParticipant(others.get(0).getAsJsonObject(), aliceId, "Alice", false, false);

            JsonObject news = alice.next("participant-joined");
            assertParticipant(news.getAsJsonObject("participant"), bobId, "Bob", false, false);
            assertEquals("standup", media.session(bobId).roomId);
            assertEquals(1, server.roomCount());
        }
    }

    @Test
    void roomsAreSeparate() {
        try (TestClient alice = TestClient.connect(server.port()); TestClient bob = TestClient.connect(server.port())) {
            alice.join("one", "Alice");
            assertEquals(0, bob.join("two", "Bob").getAsJsonArray("participants").size());
            alice.expectSilence(Duration.ofMillis(200));
            assertEquals(2, server.roomCount());
        }
    }

    @Test
    void leaveSaysByeTellsTheOthersAndClosesMedia() {
        try (TestClient alice = TestClient.connect(server.port()); TestClient bob = TestClient.connect(server.port())) {
            alice.join("r", "Alice");
            String bobId = bob.join("r", "Bob").get("participantId").getAsString();
            alice.next("participant-joined");

            bob.send("{\"type\":\"leave\"}");
            assertEquals("left", bob.next("bye").get("reason").getAsString());
            assertEquals(1000, bob.closeCode());
            JsonObject left = alice.next("participant-left");
            assertEquals(bobId, left.get("participantId").getAsString());
            assertEquals("left", left.get("reason").getAsString());
            assertEquals("left", media.session(bobId).closedReason);
        }
    }

    @Test
    void droppedConnectionIsAnnouncedAsDisconnected() {
        try (TestClient alice = TestClient.connect(server.port())) {
            alice.join("r", "Alice");
            TestClient bob = TestClient.connect(server.port());
            String bobId = bob.join("r", "Bob").get("participantId").getAsString();
            alice.next("participant-joined");
            bob.close();
            JsonObject left = alice.next("participant-left");
            assertEquals(bobId, left.get("participantId").getAsString());
            assertEquals("disconnected", left.get("reason").getAsString());
            assertEquals("signaling disconnected", media.session(bobId).closedReason);
        }
    }

    @Test
    void roomGoesAwayWithItsLastParticipant() {
        try (TestClient alice = TestClient.connect(server.port())) {
            alice.join("r", "Alice");
            assertEquals(1, server.roomCount());
            alice.send("{\"type\":\"leave\"}");
            alice.next("bye");
            alice.closeCode();
        }
        assertEquals(0, server.roomCount());
    }

    @Test
    void muteIsBroadcastAndKeptForLaterJoiners() {
        try (TestClient alice = TestClient.connect(server.port()); TestClient bob = TestClient.connect(server.port());
             TestClient carol = TestClient.connect(server.port())) {
            String aliceId = alice.join("r", "Alice").get("participantId").getAsString();
            bob.join("r", "Bob");
            alice.next("participant-joined");

            alice.send("{\"type\":\"mute\",\"audio\":true}");
            assertParticipant(bob.next("participant-updated").getAsJsonObject("participant"),
                    aliceId, "Alice", true, false);
            alice.send("{\"type\":\"mute\",\"video\":true}");
            assertParticipant(bob.next("participant-updated").getAsJsonObject("participant"),
                    aliceId, "Alice", true, true);
            alice.send("{\"type\":\"mute\",\"audio\":false}");
            assertParticipant(bob.next("participant-updated").getAsJsonObject("participant"),
                    aliceId, "Alice", false, true);

            alice.expectSilence(Duration.ofMillis(100)); // the muter hears no echo

            JsonArray seen = carol.join("r", "Carol").getAsJsonArray("participants");
            assertParticipant(seen.get(0).getAsJsonObject(), aliceId, "Alice", false, true);
        }
    }

    @Test
    void publishAnswerComesBeforeThePublishCandidates() {
        try (TestClient alice = TestClient.connect(server.port())) {
            String id = alice.join("r", "Alice").get("participantId").getAsString();
            media.session(id).candidatesDuringPublish =
                    List.of("candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host", "");
            alice.send("{\"type\":\"publish-offer\",\"sdp\":\"v=0 offer\"}");
            assertEquals("answer to v=0 offer", alice.next("publish-answer").get("sdp").getAsString());
            JsonObject candidate = alice.next("candidate");
            assertEquals("publish", candidate.get("pc").getAsString());
            assertEquals("candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host",
                    candidate.get("candidate").getAsString());
            assertEquals("0", candidate.get("sdpMid").getAsString());
            assertEquals(0, candidate.get("sdpMLineIndex").getAsInt());
            assertEquals("", alice.next("candidate").get("candidate").getAsString());
        }
    }

    @Test
    void subscribeOffersCandidatesAndAnswersAreRelayed() {
        try (TestClient alice = TestClient.connect(server.port())) {
            String id = alice.join("r", "Alice").get("participantId").getAsString();
            FakeMediaPlane.FakeSession session = media.session(id);

            session.listener.onSubscribeOffer("v=0 sub offer");
            assertEquals("v=0 sub offer", alice.next("subscribe-offer").get("sdp").getAsString());
            session.listener.onLocalCandidate(PeerConnectionRole.SUBSCRIBE, "candidate:2 1 udp 1 127.0.0.1 10000 typ host",
                    "1", 1);
            JsonObject candidate = alice.next("candidate");
            assertEquals("subscribe", candidate.get("pc").getAsString());
            assertEquals(1, candidate.get("sdpMLineIndex").getAsInt());

            alice.send("{\"type\":\"subscribe-answer\",\"sdp\":\"v=0 sub answer\"}");
            alice.send("{\"type\":\"candidate\",\"pc\":\"subscribe\",\"candidate\":\"candidate:9 1 udp 5 127.0.0.1 5000 typ host\","
                    + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
            alice.send("{\"type\":\"candidate\",\"pc\":\"publish\",\"candidate\":\"\"}");
            alice.roundTrip();
            assertEquals(List.of("subscribe-answer v=0 sub answer",
                    "candidate SUBSCRIBE candidate:9 1 udp 5 127.0.0.1 5000 typ host",
                    "candidate PUBLISH null"), session.calls);
        }
    }

    @Test
    void mediaClosedEndsTheStay() {
        try (TestClient alice = TestClient.connect(server.port()); TestClient bob = TestClient.connect(server.port())) {
            alice.join("r", "Alice");
            String bobId = bob.join("r", "Bob").get("participantId").getAsString();
            alice.next("participant-joined");

            media.session(bobId).listener.onMediaClosed("ICE failed");
            JsonObject bye = bob.next("bye");
            assertEquals("media-closed", bye.get("reason").getAsString());
            assertEquals("ICE failed", bye.get("message").getAsString());
            assertEquals(1000, bob.closeCode());
            JsonObject left = alice.next("participant-left");
            assertEquals(bobId, left.get("participantId").getAsString());
            assertEquals("disconnected", left.get("reason").getAsString());
            assertNull(media.session(bobId).closedReason, "the media plane closed it itself");
        }
    }

    @Test
    void rejoinWithTheSameIdReplacesTheOldConnection() {
        try (TestClient alice = TestClient.connect(server.port()); TestClient bob = TestClient.connect(server.port());
             TestClient aliceAgain = TestClient.connect(server.port())) {
            String aliceId = alice.join("r", "Alice").get("participantId").getAsString();
            String bobId = bob.join("r", "Bob").get("participantId").getAsString();
            alice.next("participant-joined");
            alice.send("{\"type\":\"mute\",\"video\":true}");
            bob.next("participant-updated");

            aliceAgain.send("{\"type\":\"join\",\"version\":1,\"room\":\"r\",\"name\":\"Alice 2\",\"participantId\":\""
                    + aliceId + "\"}");
            JsonObject joined = aliceAgain.next("joined");
            assertEquals(aliceId, joined.get("participantId").getAsString());
            JsonArray others = joined.getAsJsonArray("participants");
            assertEquals(1, others.size());
            assertEquals(bobId, others.get(0).getAsJsonObject().get("id").getAsString());

            assertEquals("replaced", alice.next("bye").get("reason").getAsString());
            assertEquals(1000, alice.closeCode());
            assertParticipant(bob.next("participant-updated").getAsJsonObject("participant"),
                    aliceId, "Alice 2", false, true);
            // The old connection's end is no departure: Bob hears nothing more, and the media plane is left to
            // hand the old participant's streams over to the new one.
            bob.expectSilence(Duration.ofMillis(300));
            assertEquals(2, media.sessions.stream().filter(s -> s.participantId.equals(aliceId)).count());
            assertNull(media.sessions.get(0).closedReason);

            aliceAgain.send("{\"type\":\"leave\"}");
            aliceAgain.next("bye");
            assertEquals("left", bob.next("participant-left").get("reason").getAsString());
        }
    }

    @Test
    void aRequestedIdThatIsNotInTheRoomIsReplacedByAFreshOne() {
        try (TestClient alice = TestClient.connect(server.port())) {
            alice.send("{\"type\":\"join\",\"version\":1,\"room\":\"r\",\"name\":\"A\",\"participantId\":\"chosen-by-me\"}");
            assertNotEquals("chosen-by-me", alice.next("joined").get("participantId").getAsString());
        }
    }

    @Test
    void shutdownSaysByeToEveryone() {
        TestClient alice = TestClient.connect(server.port());
        TestClient lurker = TestClient.connect(server.port());
        String aliceId = alice.join("r", "Alice").get("participantId").getAsString();
        lurker.roundTrip();
        server.close();
        assertEquals("server-shutdown", alice.next("bye").get("reason").getAsString());
        assertEquals("server-shutdown", lurker.next("bye").get("reason").getAsString());
        assertEquals(1001, alice.closeCode());
        assertEquals(1001, lurker.closeCode());
        assertEquals("server-shutdown", media.session(aliceId).closedReason);
        alice.close();
        lurker.close();
    }

    @Test
    void mediaFailureOnJoinIsAnInternalErrorAndTheConnectionStays() {
        try (TestClient alice = TestClient.connect(server.port()); TestClient bob = TestClient.connect(server.port())) {
            alice.join("r", "Alice");
            media.failAdd = true;
            bob.send("{\"type\":\"join\",\"version\":1,\"room\":\"r\",\"name\":\"Bob\"}");
            JsonObject error = bob.nextError("internal");
            assertEquals("join", error.get("requestType").getAsString());
            alice.expectSilence(Duration.ofMillis(200));
            media.failAdd = false;
            assertEquals(1, bob.join("r", "Bob").getAsJsonArray("participants").size());
            alice.next("participant-joined");
        }
    }

    @Test
    void joinedIsTheFirstMessageEvenWhenTheMediaPlaneSpeaksFirst() {
        MediaPlane eager = new MediaPlane() {
            @Override
            public MediaSession addParticipant(String roomId, String participantId,
                                               dev.vireo.sfu.ParticipantListener listener) {
                MediaSession session = media.addParticipant(roomId, participantId, listener);
                listener.onSubscribeOffer("v=0 early offer");
                return session;
            }

            @Override
            public dev.vireo.sfu.SfuStats stats() {
                return media.stats();
            }

            @Override
            public void close() {
            }
        };
        try (SignalingServer eagerServer = SignalingServer.start(new InetSocketAddress("127.0.0.1", 0), eager,
                new SignalingLimits(65536, 50, 100, Duration.ofSeconds(30)), List.of());
             TestClient alice = TestClient.connect(eagerServer.port())) {
            alice.join("r", "Alice");
            assertEquals("v=0 early offer", alice.next("subscribe-offer").get("sdp").getAsString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void afterLeaveNothingMoreIsDelivered() {
        try (TestClient alice = TestClient.connect(server.port())) {
            String id = alice.join("r", "Alice").get("participantId").getAsString();
            alice.send("{\"type\":\"leave\"}");
            alice.next("bye");
            media.session(id).listener.onSubscribeOffer("v=0 too late");
            alice.expectSilence(Duration.ofMillis(200));
            assertFalse(alice.closed.isCompletedExceptionally());
        }
    }

    static void assertParticipant(JsonObject p, String id, String name, boolean audioMuted, boolean videoMuted) {
        assertEquals(id, p.get("id").getAsString(), p::toString);
        assertEquals(name, p.get("name").getAsString(), p::toString);
        assertEquals(audioMuted, p.get("audioMuted").getAsBoolean(), p::toString);
        assertEquals(videoMuted, p.get("videoMuted").getAsBoolean(), p::toString);
    }
}
