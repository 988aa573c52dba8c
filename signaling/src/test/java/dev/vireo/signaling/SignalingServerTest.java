package dev.vireo.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vireo.sdp.SdpException;
import dev.vireo.sfu.PeerConnectionRole;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The signaling flows over a real WebSocket on 127.0.0.1, in front of the real SFU (also on loopback) with real
 * Chromium offers. ICE never connects here: these tests are about what signaling relays, not about media.
 */
class SignalingServerTest {
    /** A short resume grace, so a dropped connection is announced quickly. */
    private static final Duration RESUME_GRACE = Duration.ofMillis(500);
    private static final SignalingLimits LIMITS = new SignalingLimits(65536, 50, 100, Duration.ofSeconds(30),
            RESUME_GRACE);

    private LoopbackSfu sfu;
    private SignalingServer server;
    private final List<AutoCloseable> extras = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        sfu = LoopbackSfu.start();
        server = startServer(sfu.plane());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        for (AutoCloseable extra : extras) {
            extra.close();
        }
        sfu.close();
    }

    /** Another signaling server (closed after the test); it does not close the media plane it is given. */
    private SignalingServer startServer(MediaPlane media) throws IOException {
        SignalingServer started = SignalingServer.start(new InetSocketAddress("127.0.0.1", 0), media, LIMITS,
                List.of(), TestAccess.open());
        extras.add(started);
        return started;
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
            assertEquals(1, sfu.stats().rooms());
            assertEquals(2, sfu.participantsIn("standup"));
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
            assertEquals(2, sfu.stats().rooms());
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
            assertEquals(List.of("left"), sfu.awaitLeaveReasons(bobId));
            assertEquals(1, sfu.stats().participants());
        }
    }

    @Test
    void droppedConnectionIsAnnouncedAsDisconnected() {
        try (TestClient alice = TestClient.connect(server.port())) {
            alice.join("r", "Alice");
            TestClient bob = TestClient.connect(server.port());
            String bobId = bob.join("r", "Bob").get("participantId").getAsString();
            alice.next("participant-joined");
            long closedAt = System.nanoTime();
            bob.close();
            // Bob may come back within the resume grace: only after it is he announced as gone.
            alice.expectSilence(RESUME_GRACE.dividedBy(2));
            JsonObject left = alice.next("participant-left");
            assertTrue(System.nanoTime() - closedAt >= RESUME_GRACE.toNanos(), "announced before the grace ended");
            assertEquals(bobId, left.get("participantId").getAsString());
            assertEquals("disconnected", left.get("reason").getAsString());
            assertEquals(List.of("signaling disconnected"), sfu.awaitLeaveReasons(bobId));
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
        assertEquals(0, sfu.stats().rooms());
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
    void publishAnswerComesBeforeThePublishCandidates() throws Exception {
        // The real SFU puts its candidate in the answer and never trickles: the candidates are injected.
        EventInjectingMediaPlane media = new EventInjectingMediaPlane(sfu.plane());
        SignalingServer trickling = startServer(media);
        try (TestClient alice = TestClient.connect(trickling.port())) {
            alice.join("r", "Alice");
            media.trickleDuringPublish(List.of("candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host", ""));
            String answer = alice.publish(Sdp.AUDIO_VIDEO_OFFER).get("sdp").getAsString();
            assertEquals(Sdp.bundleMids(Sdp.AUDIO_VIDEO_OFFER), Sdp.bundleMids(answer), answer);
            JsonObject candidate = alice.next("candidate");
            assertEquals("publish", candidate.get("pc").getAsString());
            assertEquals("candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host",
                    candidate.get("candidate").getAsString());
            assertEquals("0", candidate.get("sdpMid").getAsString());
            assertEquals(0, candidate.get("sdpMLineIndex").getAsInt());
            assertEquals("", alice.next("candidate").get("candidate").getAsString());
        }
    }

    /**
     * A client whose publish PeerConnection failed makes a new one and offers again, with new ICE credentials: the
     * SFU answers it on a fresh transport instead of refusing it as an ICE restart.
     */
    @Test
    void aNewPublishPeerConnectionIsAnsweredOnAFreshTransport() throws Exception {
        try (TestClient alice = TestClient.connect(server.port())) {
            alice.join("r", "Alice");
            String first = alice.publish(Sdp.AUDIO_VIDEO_OFFER).get("sdp").getAsString();
            String replacement = Sdp.AUDIO_VIDEO_OFFER.replaceAll("a=ice-ufrag:\\S+", "a=ice-ufrag:newPc")
                    .replaceAll("a=ice-pwd:\\S+", "a=ice-pwd:aNewPeerConnectionPassword1");
            String second = alice.publish(replacement).get("sdp").getAsString();
            assertNotEquals(iceUfrag(first), iceUfrag(second), "the SFU's side is a new ICE session too");
            assertEquals(Sdp.bundleMids(replacement), Sdp.bundleMids(second), second);
        }
    }

    private static String iceUfrag(String sdp) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("a=ice-ufrag:(\\S+)").matcher(sdp);
        assertTrue(m.find(), sdp);
        return m.group(1);
    }

    @Test
    void subscribeOffersCandidatesAndAnswersAreRelayed() throws Exception {
        EventInjectingMediaPlane media = new EventInjectingMediaPlane(sfu.plane());
        SignalingServer relaying = startServer(media);
        try (TestClient alice = TestClient.connect(relaying.port());
             TestClient bob = TestClient.connect(relaying.port())) {
            String aliceId = alice.join("r", "Alice").get("participantId").getAsString();
            String bobId = bob.join("r", "Bob").get("participantId").getAsString();
            alice.next("participant-joined");

            // Bob publishes: the SFU offers Bob's tracks to Alice.
            bob.publish(Sdp.AUDIO_VIDEO_OFFER);
            String offer = alice.next("subscribe-offer").get("sdp").getAsString();
            assertTrue(offer.contains("a=msid:" + bobId + " "), offer);
            assertTrue(offer.contains("a=sendonly"), offer);

            // The SFU's own candidates are in its SDP; a trickled one (injected) is relayed with its role and m-line.
            media.listener(aliceId).onLocalCandidate(PeerConnectionRole.SUBSCRIBE,
                    "candidate:2 1 udp 1 127.0.0.1 10000 typ host", "1", 1);
            JsonObject candidate = alice.next("candidate");
            assertEquals("subscribe", candidate.get("pc").getAsString());
            assertEquals(1, candidate.get("sdpMLineIndex").getAsInt());

            // An answer the SFU cannot accept is refused with its reason; the offer stays open for a good one.
            String answer = Sdp.subscribeAnswer(offer);
            alice.send(Sdp.message("subscribe-answer", answer.replace("a=setup:active", "a=setup:passive")));
            assertTrue(alice.nextError("invalid-sdp").get("message").getAsString().contains("a=setup:active"));
            alice.send(Sdp.message("subscribe-answer", answer));
            alice.send("{\"type\":\"candidate\",\"pc\":\"subscribe\",\"candidate\":\"candidate:9 1 udp 5 127.0.0.1 5000 typ host\","
                    + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
            // Alice never published: the SFU has no publish PeerConnection for this one, which proves where it went.
            alice.send("{\"type\":\"candidate\",\"pc\":\"publish\",\"candidate\":\"\"}");
            JsonObject refused = alice.nextError("invalid-candidate");
            assertEquals("candidate", refused.get("requestType").getAsString());
            assertEquals("no publish PeerConnection has been negotiated yet", refused.get("message").getAsString());
            alice.roundTrip(); // the answer and the subscribe candidate were taken without a word
            // The answer was applied: there is no offer left to answer.
            alice.send(Sdp.message("subscribe-answer", answer));
            assertEquals("no subscribe offer is waiting for an answer",
                    alice.nextError("invalid-sdp").get("message").getAsString());
        }
    }

    @Test
    void mediaClosedEndsTheStay() throws Exception {
        try (LoopbackSfu impatient = LoopbackSfu.start(Duration.ofSeconds(2))) {
            SignalingServer quick = startServer(impatient.plane());
            try (TestClient alice = TestClient.connect(quick.port());
                 TestClient bob = TestClient.connect(quick.port())) {
                alice.join("r", "Alice");
                String bobId = bob.join("r", "Bob").get("participantId").getAsString();
                alice.next("participant-joined");

                // Bob's publish PeerConnection never does ICE: the SFU gives up on it after 2 s.
                bob.publish(Sdp.AUDIO_VIDEO_OFFER);
                alice.next("subscribe-offer");
                JsonObject bye = bob.next("bye");
                assertEquals("media-closed", bye.get("reason").getAsString());
                String why = bye.get("message").getAsString();
                assertTrue(why.startsWith("publish connection failed: ICE: ICE did not connect"), why);
                assertEquals(1000, bob.closeCode());
                JsonObject left = alice.next("participant-left");
                assertEquals(bobId, left.get("participantId").getAsString());
                assertEquals("disconnected", left.get("reason").getAsString());
                // The SFU removed Bob itself, for its own reason.
                assertEquals(List.of(why), impatient.leaveReasons(bobId));
                assertEquals(1, impatient.stats().participants());
            }
        }
    }

    @Test
    void rejoinWithTheSameIdAndItsResumeTokenReplacesTheOldConnection() {
        try (TestClient alice = TestClient.connect(server.port()); TestClient bob = TestClient.connect(server.port());
             TestClient aliceAgain = TestClient.connect(server.port())) {
            JsonObject aliceJoined = alice.join("r", "Alice");
            String aliceId = aliceJoined.get("participantId").getAsString();
            String aliceToken = aliceJoined.get("resumeToken").getAsString();
            String bobId = bob.join("r", "Bob").get("participantId").getAsString();
            alice.next("participant-joined");
            alice.send("{\"type\":\"mute\",\"video\":true}");
            bob.next("participant-updated");

            aliceAgain.send("{\"type\":\"join\",\"version\":1,\"room\":\"r\",\"name\":\"Alice 2\",\"participantId\":\""
                    + aliceId + "\",\"resumeToken\":\"" + aliceToken + "\"}");
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
            assertEquals(1, sfu.rejoins(aliceId), "a second media session took over the id");
            assertEquals(List.of(), sfu.leaveReasons(aliceId), "signaling closed no media of Alice's");
            assertEquals(2, sfu.stats().participants());

            aliceAgain.send("{\"type\":\"leave\"}");
            aliceAgain.next("bye");
            assertEquals("left", bob.next("participant-left").get("reason").getAsString());
            assertEquals(List.of("left"), sfu.awaitLeaveReasons(aliceId));
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
    void shutdownSaysByeToEveryone() throws Exception {
        EventInjectingMediaPlane media = new EventInjectingMediaPlane(sfu.plane());
        SignalingServer stopping = startServer(media);
        TestClient alice = TestClient.connect(stopping.port());
        TestClient lurker = TestClient.connect(stopping.port());
        String aliceId = alice.join("r", "Alice").get("participantId").getAsString();
        lurker.roundTrip();
        stopping.close();
        assertEquals("server-shutdown", alice.next("bye").get("reason").getAsString());
        assertEquals("server-shutdown", lurker.next("bye").get("reason").getAsString());
        assertEquals(1001, alice.closeCode());
        assertEquals(1001, lurker.closeCode());
        assertEquals(List.of("server-shutdown"), sfu.awaitLeaveReasons(aliceId));
        // A media plane that reports its participants closed while it stops, after signaling is gone, is fine.
        // (The real SFU only does that for participants signaling did not close, so the report is injected.)
        media.listener(aliceId).onMediaClosed("server shutting down");
        alice.expectSilence(Duration.ofMillis(100));
        alice.close();
        lurker.close();
    }

    @Test
    void mediaFailureOnJoinIsAnInternalErrorAndTheConnectionStays() throws Exception {
        FailingMediaPlane media = new FailingMediaPlane(sfu.plane());
        SignalingServer failing = startServer(media);
        try (TestClient alice = TestClient.connect(failing.port()); TestClient bob = TestClient.connect(failing.port())) {
            alice.join("r", "Alice");
            media.failNextJoin();
            bob.send("{\"type\":\"join\",\"version\":1,\"room\":\"r\",\"name\":\"Bob\"}");
            JsonObject error = bob.nextError("internal");
            assertEquals("join", error.get("requestType").getAsString());
            alice.expectSilence(Duration.ofMillis(200));
            assertEquals(1, bob.join("r", "Bob").getAsJsonArray("participants").size());
            alice.next("participant-joined");
            assertEquals(2, sfu.stats().participants());
        }
    }

    @Test
    void joinedIsTheFirstMessageEvenWhenTheMediaPlaneSpeaksFirst() throws SdpException {
        try (TestClient alice = TestClient.connect(server.port()); TestClient bob = TestClient.connect(server.port())) {
            String aliceId = alice.join("r", "Alice").get("participantId").getAsString();
            alice.publish(Sdp.AUDIO_VIDEO_OFFER);
            // The SFU offers Alice's tracks to Bob from inside its join, before signaling has said joined.
            bob.join("r", "Bob");
            String offer = bob.next("subscribe-offer").get("sdp").getAsString();
            assertTrue(offer.contains("a=msid:" + aliceId + " "), offer);
            Sdp.subscribeAnswer(offer); // and it is a real offer, one a client can answer
        }
    }

    @Test
    void afterLeaveNothingMoreIsDelivered() throws Exception {
        // The real SFU says nothing to a participant that left; the late offer is injected.
        EventInjectingMediaPlane media = new EventInjectingMediaPlane(sfu.plane());
        SignalingServer injecting = startServer(media);
        try (TestClient alice = TestClient.connect(injecting.port())) {
            String id = alice.join("r", "Alice").get("participantId").getAsString();
            alice.send("{\"type\":\"leave\"}");
            alice.next("bye");
            media.listener(id).onSubscribeOffer("v=0 too late");
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
