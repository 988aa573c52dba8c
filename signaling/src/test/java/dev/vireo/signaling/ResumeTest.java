package dev.vireo.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vireo.server.ServerConfig;
import dev.vireo.server.VireoServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resuming a participant after its WebSocket dropped, against the real server (signaling, SFU, HTTP) over real
 * WebSockets: only the holder of the resume token gets the participant back, within the grace and only then.
 */
class ResumeTest {
    /**
     * Long enough that a test's connects, joins and waits inside it survive a stalled CI machine (at 1.5 s, two
     * connects, a join and a 300 ms quiet check came close), short enough to wait out where a test must.
     */
    private static final Duration GRACE = Duration.ofMillis(4000);
    /** Well inside the grace, and long enough for a wrongly sent message to arrive. */
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Set<String> MEDIA = Set.of("subscribe-offer", "candidate");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");

    private VireoServer server;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // Media disconnect timeout far above the grace: in these tests only signaling may end a participant.
        server = VireoServer.start(ServerConfig.load(List.of("--bind", "127.0.0.1", "--public-ip", "127.0.0.1",
                "--http-port", "0", "--signaling-port", "0", "--media-port", "0",
                "--allowed-networks", "127.0.0.0/8", "--disconnect-timeout", "60s",
                "--resume-grace", GRACE.toMillis() + "ms",
                "--data-dir", Files.createTempDirectory("vireo-resume-").toString()), Map.of()));
    }

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        server.close();
    }

    @Test
    void joinedGivesEachClientItsOwnRandomToken() {
        JsonObject alice = connect().join("r", "Alice");
        JsonObject bob = connect().join("r", "Bob");
        String aliceToken = alice.get("resumeToken").getAsString();
        String bobToken = bob.get("resumeToken").getAsString();
        assertTrue(TOKEN.matcher(aliceToken).matches(), "128-bit base64url token: " + aliceToken);
        assertTrue(TOKEN.matcher(bobToken).matches(), "128-bit base64url token: " + bobToken);
        assertNotEquals(aliceToken, bobToken);
        // Others never see it: not in the participant list, not in the join announcement.
        JsonObject announced = nextEvent(clients.get(0), "participant-joined");
        assertTrue(!announced.toString().contains(bobToken) && !bob.toString().contains(aliceToken),
                "a token leaked to another client: " + announced + " / " + bob);
    }

    @Test
    void resumeWithTheTokenKeepsTheIdAndTheOthersSeeOnlyAnUpdate() {
        TestClient alice = connect();
        JsonObject joined = alice.join("r", "Alice");
        String aliceId = joined.get("participantId").getAsString();
        publish(alice);
        TestClient bob = connect();
        bob.join("r", "Bob");
        nextEvent(alice, "participant-joined");
        assertEquals(2, healthParticipants());

        alice.close();
        expectNoEvent(bob, SHORT);
        assertEquals(2, healthParticipants(), "the participant and its media wait for the resume");

        TestClient again = connect();
        JsonObject resumed = again.send(join("Alice again", aliceId, joined.get("resumeToken").getAsString()))
                .next("joined");
        assertEquals(aliceId, resumed.get("participantId").getAsString());
        assertEquals(List.of("Bob"), names(resumed.getAsJsonArray("participants")));
        String newToken = resumed.get("resumeToken").getAsString();
        assertNotEquals(joined.get("resumeToken").getAsString(), newToken, "a token works once");
        JsonObject update = nextEvent(bob, "participant-updated");
        assertEquals(aliceId, update.getAsJsonObject("participant").get("id").getAsString());
        assertEquals("Alice again", update.getAsJsonObject("participant").get("name").getAsString());
        publish(again);

        // Past the old connection's grace: nothing ends the resumed participant.
        expectNoEvent(bob, GRACE.plus(SHORT));
        assertEquals(2, healthParticipants(), "one media participant per person after the resume");
        nextEvent(again.send("{\"type\":\"ping\"}"), "pong");

        // The resumed participant can resume again, with the token it got this time.
        again.close();
        TestClient third = connect();
        JsonObject thirdJoined = third.send(join("Alice", aliceId, newToken)).next("joined");
        assertEquals(aliceId, thirdJoined.get("participantId").getAsString());
        nextEvent(bob, "participant-updated");
    }

    @Test
    void aWrongOrMissingTokenGetsANewIdAndLeavesTheOriginalAlone() {
        TestClient alice = connect();
        JsonObject joined = alice.join("r", "Alice");
        String aliceId = joined.get("participantId").getAsString();
        String token = joined.get("resumeToken").getAsString();
        TestClient bob = connect();
        bob.join("r", "Bob");
        nextEvent(alice, "participant-joined");

        alice.close(); // Alice is now waiting for her resume: the moment a hijacker would pick
        String wrong = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        for (String attempt : List.of(join("Mallory", aliceId, wrong), join("Mallory", aliceId, null))) {
            JsonObject mallory = connect().send(attempt).next("joined");
            String malloryId = mallory.get("participantId").getAsString();
            assertNotEquals(aliceId, malloryId, "joined with someone else's id: " + attempt);
            List<String> listed = names(mallory.getAsJsonArray("participants"));
            assertTrue(listed.contains("Alice") && listed.contains("Bob"), "Alice is still in the room: " + mallory);
            JsonObject news = nextEvent(bob, "participant-joined");
            assertEquals(malloryId, news.getAsJsonObject("participant").get("id").getAsString());
        }
        expectNoEvent(bob, SHORT);

        // The real Alice still gets her participant back.
        JsonObject resumed = connect().send(join("Alice", aliceId, token)).next("joined");
        assertEquals(aliceId, resumed.get("participantId").getAsString());
        assertEquals(aliceId, nextEvent(bob, "participant-updated").getAsJsonObject("participant").get("id").getAsString());
    }

    @Test
    void withoutResumeTheParticipantLeavesAsDisconnectedAfterTheGrace() {
        TestClient alice = connect();
        JsonObject joined = alice.join("r", "Alice");
        String aliceId = joined.get("participantId").getAsString();
        publish(alice);
        TestClient bob = connect();
        bob.join("r", "Bob");
        nextEvent(alice, "participant-joined");

        long closedAt = System.nanoTime();
        alice.close();
        JsonObject left = nextEvent(bob, "participant-left");
        long afterMs = (System.nanoTime() - closedAt) / 1_000_000;
        assertEquals(aliceId, left.get("participantId").getAsString());
        assertEquals("disconnected", left.get("reason").getAsString());
        assertTrue(afterMs >= GRACE.toMillis() - 50 && afterMs < GRACE.toMillis() + 2000,
                "participant-left " + afterMs + " ms after the close; grace " + GRACE.toMillis() + " ms");
        assertEquals(1, healthParticipants(), "the media of the participant was closed");

        // Too late: the token no longer resumes anything.
        JsonObject late = connect().send(join("Alice", aliceId, joined.get("resumeToken").getAsString()))
                .next("joined");
        assertNotEquals(aliceId, late.get("participantId").getAsString());
        nextEvent(bob, "participant-joined");
    }

    @Test
    void anIdFromTheParticipantListCannotBeHijacked() {
        TestClient alice = connect();
        String aliceId = alice.join("r", "Alice").get("participantId").getAsString();
        publish(alice);
        TestClient mallory = connect();
        JsonObject malloryJoined = mallory.join("r", "Mallory");
        nextEvent(alice, "participant-joined");
        String listedId = malloryJoined.getAsJsonArray("participants").get(0).getAsJsonObject().get("id").getAsString();
        assertEquals(aliceId, listedId);

        // Mallory presents Alice's id with the one valid token she has: her own.
        TestClient hijack = connect();
        JsonObject hijacked = hijack.send(join("Alice", listedId, malloryJoined.get("resumeToken").getAsString()))
                .next("joined");
        assertNotEquals(aliceId, hijacked.get("participantId").getAsString());
        assertNotEquals(malloryJoined.get("participantId").getAsString(), hijacked.get("participantId").getAsString(),
                "a token resumes only the id it was given for");

        // Alice noticed nothing but a newcomer, and her connection and media are hers.
        JsonObject news = nextEvent(alice, "participant-joined");
        assertEquals(hijacked.get("participantId").getAsString(),
                news.getAsJsonObject("participant").get("id").getAsString());
        expectNoEvent(alice, SHORT);
        nextEvent(alice.send("{\"type\":\"ping\"}"), "pong");
        assertEquals(3, healthParticipants());
    }

    @Test
    void leaveStillRemovesAtOnce() {
        TestClient alice = connect();
        String aliceId = alice.join("r", "Alice").get("participantId").getAsString();
        TestClient bob = connect();
        bob.join("r", "Bob");
        nextEvent(alice, "participant-joined");
        long sentAt = System.nanoTime();
        alice.send("{\"type\":\"leave\"}");
        JsonObject left = nextEvent(bob, "participant-left");
        assertEquals(aliceId, left.get("participantId").getAsString());
        assertEquals("left", left.get("reason").getAsString());
        assertTrue(System.nanoTime() - sentAt < GRACE.toNanos() / 2, "leave waited for the resume grace");
    }

    private TestClient connect() {
        TestClient client = TestClient.connect(server.signalingPort());
        clients.add(client);
        return client;
    }

    /** Sends the captured Chromium offer (without candidates) and waits for the answer. */
    private static void publish(TestClient client) {
        String sdp = resource("/resume/chromium-publish-offer.sdp").replaceAll("(?m)^a=candidate:.*\\r?\\n", "");
        JsonObject offer = new JsonObject();
        offer.addProperty("type", "publish-offer");
        offer.addProperty("sdp", sdp);
        client.send(offer.toString());
        JsonObject message;
        do {
            message = client.next();
        } while (message.get("type").getAsString().equals("candidate")
                || message.get("type").getAsString().equals("subscribe-offer")
                || message.get("type").getAsString().startsWith("participant-"));
        assertEquals("publish-answer", message.get("type").getAsString(), () -> "after publish-offer: ");
    }

    private static String join(String name, String participantId, String resumeToken) {
        JsonObject join = new JsonObject();
        join.addProperty("type", "join");
        join.addProperty("version", 1);
        join.addProperty("room", "r");
        join.addProperty("name", name);
        if (participantId != null) {
            join.addProperty("participantId", participantId);
        }
        if (resumeToken != null) {
            join.addProperty("resumeToken", resumeToken);
        }
        return join.toString();
    }

    private static List<String> names(JsonArray participants) {
        List<String> names = new ArrayList<>();
        participants.forEach(p -> names.add(p.getAsJsonObject().get("name").getAsString()));
        return names;
    }

    /** The next message about the room, skipping the media plane's subscribe offers and candidates. */
    private static JsonObject nextEvent(TestClient client, String type) {
        JsonObject message;
        do {
            message = client.next();
        } while (MEDIA.contains(message.get("type").getAsString()));
        assertEquals(type, message.get("type").getAsString(), "got " + message);
        return message;
    }

    /** No message about the room for a while (media-plane messages may come and go). */
    private static void expectNoEvent(TestClient client, Duration quiet) {
        long end = System.nanoTime() + quiet.toNanos();
        List<JsonObject> events = new ArrayList<>();
        while (System.nanoTime() < end) {
            for (JsonObject m : client.drain(Duration.ofMillis(50))) {
                if (!MEDIA.contains(m.get("type").getAsString())) {
                    events.add(m);
                }
            }
        }
        assertEquals(List.of(), events, "unexpected messages");
    }

    private int healthParticipants() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JsonParser.parseString(response.body()).getAsJsonObject().get("participants").getAsInt();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ResumeTest.class.getResourceAsStream(name)) {
            if (in == null) {
                fail("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
