package dev.vireo.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.vireo.sdp.SdpException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a client sends, it gets an error reply, its connection and its room stay up, and the server logs the
 * problem at most once per kind per 10 s. Behind signaling runs the real SFU on loopback; SDP is real Chromium SDP.
 */
class SignalingRobustnessTest {
    /** Room for a real Chromium offer (about 6 KB as JSON), small enough to go over on purpose. */
    private static final int MAX_BYTES = 16384;
    private static final int RATE = 5;
    private static final int BURST = 10;

    private final Logger sessionLog = Logger.getLogger(ClientSession.class.getName());
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LoopbackSfu sfu;
    private FailingMediaPlane media;
    private SignalingServer server;
    private TestClient client;
    private TestClient witness;

    @BeforeEach
    void start() throws IOException {
        sessionLog.addHandler(capture);
        sfu = LoopbackSfu.start();
        media = new FailingMediaPlane(sfu.plane());
        server = SignalingServer.start(new InetSocketAddress("127.0.0.1", 0), media,
                new SignalingLimits(MAX_BYTES, RATE, BURST, Duration.ofSeconds(30)), List.of(), TestAccess.open());
        client = TestClient.connect(server.port());
        witness = TestClient.connect(server.port());
        witness.join("r", "Witness");
    }

    @AfterEach
    void stop() {
        client.close();
        witness.close();
        server.close();
        sfu.close();
        sessionLog.removeHandler(capture);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not json at all                                          | bad-json            | not valid JSON",
        "[1,2,3]                                                  | bad-json            | JSON object",
        "`{\"type\":\"ping\"} trailing`                           | bad-json            | after the JSON",
        "`{type:'ping'}`                                          | bad-json            | not valid JSON",
        "`{\"type\":\"ping\"`                                     | bad-json            | not valid JSON",
        "`{}`                                                     | bad-request         | 'type' is required",
        "`{\"type\":7}`                                           | bad-request         | 'type' must be a string",
        "`{\"type\":\"dance\"}`                                   | unknown-type        | 'dance'",
        "`{\"type\":\"join\",\"room\":\"r\",\"name\":\"A\"}`      | bad-request         | 'version' is required",
        "`{\"type\":\"join\",\"version\":\"1\",\"room\":\"r\",\"name\":\"A\"}` | bad-request | 'version' must be an integer",
        "`{\"type\":\"join\",\"version\":1.5,\"room\":\"r\",\"name\":\"A\"}` | bad-request  | 'version' must be an integer",
        "`{\"type\":\"join\",\"version\":2,\"room\":\"r\",\"name\":\"A\"}`   | unsupported-version | speaks version 1",
        "`{\"type\":\"join\",\"version\":1,\"name\":\"A\"}`       | bad-request         | 'room' is required",
        "`{\"type\":\"join\",\"version\":1,\"room\":\"a/b\",\"name\":\"A\"}` | bad-request  | 'room' must be",
        "`{\"type\":\"join\",\"version\":1,\"room\":\"\",\"name\":\"A\"}`    | bad-request  | 'room' must be",
        "`{\"type\":\"join\",\"version\":1,\"room\":\"r\",\"name\":\"   \"}` | bad-request  | 'name' must be",
        "`{\"type\":\"join\",\"version\":1,\"room\":\"r\",\"name\":\"A\",\"participantId\":\"a b\"}` | bad-request | 'participantId'",
        "`{\"type\":\"publish-offer\",\"sdp\":\"v=0\"}`           | not-joined          | join first",
        "`{\"type\":\"subscribe-answer\",\"sdp\":\"v=0\"}`        | not-joined          | join first",
        "`{\"type\":\"mute\",\"audio\":true}`                     | not-joined          | join first",
        "`{\"type\":\"leave\"}`                                   | not-joined          | join first",
        "`{\"type\":\"candidate\",\"pc\":\"publish\",\"candidate\":\"\"}` | not-joined    | join first",
    })
    void refusedBeforeJoin(String frame, String code, String mention) {
        JsonObject error = client.send(frame).nextError(code);
        String message = error.get("message").getAsString();
        assertTrue(message.contains(mention), () -> "message '" + message + "' should mention " + mention);
        client.roundTrip();
        witness.expectSilence(Duration.ofMillis(20));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"type\":\"publish-offer\"}`                           | bad-request       | 'sdp' is required",
        "`{\"type\":\"publish-offer\",\"sdp\":\"  \"}`            | bad-request       | 'sdp' must not be empty",
        "`{\"type\":\"subscribe-answer\",\"sdp\":\"v=0\"}`        | invalid-sdp       | no subscribe offer is waiting",
        "`{\"type\":\"candidate\",\"pc\":\"both\",\"candidate\":\"\"}` | bad-request  | 'pc' must be",
        "`{\"type\":\"candidate\",\"candidate\":\"\"}`            | bad-request       | 'pc' is required",
        "`{\"type\":\"candidate\",\"pc\":\"publish\",\"candidate\":\"host 1.2.3.4\"}` | bad-request | 'candidate' must start",
        "`{\"type\":\"candidate\",\"pc\":\"publish\",\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 5000 typ host\"}` | invalid-candidate | no publish PeerConnection",
        "`{\"type\":\"candidate\",\"pc\":\"publish\",\"candidate\":\"\",\"sdpMLineIndex\":-1}` | bad-request | 'sdpMLineIndex'",
        "`{\"type\":\"mute\"}`                                    | bad-request       | 'audio'",
        "`{\"type\":\"mute\",\"audio\":\"yes\"}`                  | bad-request       | 'audio' must be true or false",
        "`{\"type\":\"join\",\"version\":1,\"room\":\"r2\",\"name\":\"A\"}` | already-joined | already joined",
    })
    void refusedAfterJoin(String frame, String code, String mention) throws SdpException {
        client.join("r", "Client");
        witness.next("participant-joined");
        JsonObject error = client.send(frame).nextError(code);
        assertTrue(error.get("message").getAsString().contains(mention), error::toString);
        stillInTheRoomAndNegotiating();
    }

    static Stream<Arguments> invalidOffers() {
        return Stream.of(
                Arguments.of("garbage", "v=0 bad", "line 1: a session description must start with v=0"),
                Arguments.of("a Chromium offer without its BUNDLE line", Sdp.withoutBundle(Sdp.AUDIO_VIDEO_OFFER),
                        "offer has no a=group:BUNDLE"),
                Arguments.of("a Chromium offer without a=rtcp-mux", Sdp.AUDIO_ONLY_OFFER.replace("a=rtcp-mux\r\n", ""),
                        "lacks a=rtcp-mux"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOffers")
    void invalidSdpIsRefusedWithTheSfusReason(String what, String offer, String reason) throws SdpException {
        client.join("r", "Client");
        witness.next("participant-joined");
        JsonObject error = client.send(Sdp.message("publish-offer", offer)).nextError("invalid-sdp");
        assertEquals("publish-offer", error.get("requestType").getAsString());
        assertTrue(error.get("message").getAsString().contains(reason), error::toString);
        stillInTheRoomAndNegotiating();
    }

    @Test
    void aFailureInsideTheMediaPlaneIsAnInternalErrorAndTheConnectionStays() throws SdpException {
        client.join("r", "Client");
        witness.next("participant-joined");
        media.failNextPublish();
        JsonObject error = client.send(Sdp.message("publish-offer", Sdp.AUDIO_VIDEO_OFFER)).nextError("internal");
        assertTrue(error.get("message").getAsString().contains("failed"), error::toString);
        stillInTheRoomAndNegotiating();
    }

    @Test
    void anErrorInsideTheMediaPlaneDoesNotStopTheSignalingServer() throws SdpException {
        client.join("r", "Client");
        witness.next("participant-joined");
        media.breakNextPublish();
        client.send(Sdp.message("publish-offer", Sdp.AUDIO_VIDEO_OFFER)).nextError("internal");
        stillInTheRoomAndNegotiating();
    }

    /** Nothing else came back, the room heard nothing, and a real offer still gets the SFU's answer. */
    private void stillInTheRoomAndNegotiating() throws SdpException {
        client.roundTrip();
        witness.expectSilence(Duration.ofMillis(20));
        String answer = client.publish(Sdp.AUDIO_VIDEO_OFFER).get("sdp").getAsString();
        assertEquals(Sdp.bundleMids(Sdp.AUDIO_VIDEO_OFFER), Sdp.bundleMids(answer), answer);
    }

    @Test
    void errorsNameTheRequestType() {
        assertEquals("join", client.send("{\"type\":\"join\",\"version\":1,\"room\":\"r\"}")
                .nextError("bad-request").get("requestType").getAsString());
        assertEquals("leave", client.send("{\"type\":\"leave\"}").nextError("not-joined")
                .get("requestType").getAsString());
        assertFalse(client.send("nope").nextError("bad-json").has("requestType"));
    }

    @Test
    void tooLargeMessageIsDroppedAndTheConnectionStays() {
        client.join("r", "Client");
        witness.next("participant-joined");
        // Real offers the SFU would accept, padded with an attribute it ignores.
        String big = Sdp.message("publish-offer", Sdp.AUDIO_VIDEO_OFFER + "a=x-pad:" + "a".repeat(MAX_BYTES) + "\r\n");
        client.send(big).nextError("too-large");
        // Multi-byte characters count as bytes, not chars: under the limit in chars, over it in bytes.
        String euros = Sdp.message("publish-offer", Sdp.AUDIO_VIDEO_OFFER + "a=x-pad:" + "\u20ac".repeat(5000) + "\r\n");
        assertTrue(euros.length() < MAX_BYTES && euros.length() + 2 * 5000 > MAX_BYTES, "premise: " + euros.length());
        client.send(euros).nextError("too-large");
        client.roundTrip();
        // Neither reached the SFU: it has no publish PeerConnection for this client.
        client.send("{\"type\":\"candidate\",\"pc\":\"publish\",\"candidate\":\"\"}");
        assertEquals("no publish PeerConnection has been negotiated yet",
                client.nextError("invalid-candidate").get("message").getAsString());
    }

    @Test
    void binaryFramesAreRefused() {
        client.sendBinary(new byte[] {1, 2, 3}).nextError("bad-json");
        client.roundTrip();
    }

    @Test
    void floodIsRateLimitedWithOneErrorAndTheConnectionRecovers() throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            client.send("{\"type\":\"ping\"}");
        }
        List<JsonObject> all = client.drain(Duration.ofMillis(400));
        long pongs = all.stream().filter(m -> m.get("type").getAsString().equals("pong")).count();
        long rateLimited = all.stream().filter(m -> m.has("code")
                && m.get("code").getAsString().equals("rate-limited")).count();
        assertEquals(all.size(), pongs + rateLimited, all::toString);
        // The burst goes through, the rest mostly does not: at 5/s only a couple of tokens refill meanwhile.
        assertTrue(pongs >= BURST && pongs < 20, "pongs: " + pongs);
        assertEquals(1, rateLimited, "one rate-limited error per second, got " + all);
        Thread.sleep(1100);
        client.roundTrip();
        assertEquals(1, logged.stream().filter(r -> r.getMessage().contains("'rate-limited'")).count());
    }

    @Test
    void eachKindOfProblemIsLoggedOncePer10Seconds() {
        for (int i = 0; i < 5; i++) {
            client.send("garbage").nextError("bad-json");
            client.send("{\"type\":\"dance\"}").nextError("unknown-type");
        }
        long badJson = logged.stream().filter(r -> r.getMessage().contains("'bad-json'")).count();
        long unknown = logged.stream().filter(r -> r.getMessage().contains("'unknown-type'")).count();
        assertEquals(1, badJson);
        assertEquals(1, unknown);
        assertTrue(logged.stream().allMatch(r -> r.getLevel().intValue() <= Level.INFO.intValue()));
    }

    @Test
    void internalErrorsAreLoggedWithTheirCauseAsWarnings() {
        client.join("r", "Client");
        media.failNextPublish();
        client.send(Sdp.message("publish-offer", Sdp.AUDIO_VIDEO_OFFER)).nextError("internal");
        LogRecord record = logged.stream().filter(r -> r.getLevel() == Level.WARNING).findFirst().orElseThrow();
        assertEquals("simulated bug", record.getThrown().getMessage());
        assertFalse(record.getMessage().contains("v=0"), "no SDP in logs: " + record.getMessage());
    }

    @Test
    void deeplyNestedJsonIsJustBadJson() {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        client.send(deep).nextError("bad-json");
        client.roundTrip();
    }
}
