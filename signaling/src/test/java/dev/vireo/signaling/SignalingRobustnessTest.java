package dev.vireo.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whatever a client sends, it gets an error reply, its connection and its room stay up, and the server logs the
 * problem at most once per kind per 10 s.
 */
class SignalingRobustnessTest {
    private static final int MAX_BYTES = 2048;
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

    private FakeMediaPlane media;
    private SignalingServer server;
    private TestClient client;
    private TestClient witness;

    @BeforeEach
    void start() throws IOException {
        sessionLog.addHandler(capture);
        media = new FakeMediaPlane();
        server = SignalingServer.start(new InetSocketAddress("127.0.0.1", 0), media,
                new SignalingLimits(MAX_BYTES, RATE, BURST, Duration.ofSeconds(30)), List.of());
        client = TestClient.connect(server.port());
        witness = TestClient.connect(server.port());
        witness.join("r", "Witness");
    }

    @AfterEach
    void stop() {
        client.close();
        witness.close();
        server.close();
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
        "`{\"type\":\"publish-offer\",\"sdp\":\"v=0 bad\"}`       | invalid-sdp       | no BUNDLE group",
        "`{\"type\":\"subscribe-answer\",\"sdp\":\"v=0 bad\"}`    | invalid-sdp       | does not match",
        "`{\"type\":\"candidate\",\"pc\":\"both\",\"candidate\":\"\"}` | bad-request  | 'pc' must be",
        "`{\"type\":\"candidate\",\"candidate\":\"\"}`            | bad-request       | 'pc' is required",
        "`{\"type\":\"candidate\",\"pc\":\"publish\",\"candidate\":\"host 1.2.3.4\"}` | bad-request | 'candidate' must start",
        "`{\"type\":\"candidate\",\"pc\":\"publish\",\"candidate\":\"candidate:bad\"}` | invalid-candidate | unparsable",
        "`{\"type\":\"candidate\",\"pc\":\"publish\",\"candidate\":\"\",\"sdpMLineIndex\":-1}` | bad-request | 'sdpMLineIndex'",
        "`{\"type\":\"mute\"}`                                    | bad-request       | 'audio'",
        "`{\"type\":\"mute\",\"audio\":\"yes\"}`                  | bad-request       | 'audio' must be true or false",
        "`{\"type\":\"join\",\"version\":1,\"room\":\"r2\",\"name\":\"A\"}` | already-joined | already joined",
        "`{\"type\":\"publish-offer\",\"sdp\":\"v=0 crash\"}`     | internal          | failed",
    })
    void refusedAfterJoin(String frame, String code, String mention) {
        client.join("r", "Client");
        witness.next("participant-joined");
        JsonObject error = client.send(frame).nextError(code);
        assertTrue(error.get("message").getAsString().contains(mention), error::toString);
        client.roundTrip();
        witness.expectSilence(Duration.ofMillis(20));
        // Still in the room and still negotiating.
        client.send("{\"type\":\"publish-offer\",\"sdp\":\"v=0 good\"}");
        assertEquals("answer to v=0 good", client.next("publish-answer").get("sdp").getAsString());
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
        String id = client.join("r", "Client").get("participantId").getAsString();
        witness.next("participant-joined");
        String big = "{\"type\":\"publish-offer\",\"sdp\":\"" + "a".repeat(MAX_BYTES) + "\"}";
        client.send(big).nextError("too-large");
        // Multi-byte characters count as bytes, not chars: 700 x 3 bytes is over 2048.
        client.send("{\"type\":\"publish-offer\",\"sdp\":\"" + "\u20ac".repeat(700) + "\"}").nextError("too-large");
        client.roundTrip();
        assertTrue(media.session(id).calls.isEmpty());
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
        client.send("{\"type\":\"publish-offer\",\"sdp\":\"v=0 crash\"}").nextError("internal");
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
