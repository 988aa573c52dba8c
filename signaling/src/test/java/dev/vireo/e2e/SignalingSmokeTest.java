package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Protocol v1 over a real WebSocket to the real server, no browser. */
class SignalingSmokeTest {
    private static final Duration REPLY = Duration.ofSeconds(3);
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @Test
    void joinIsAnsweredWithJoinedAndTheParticipantList() {
        try (SignalingClient first = SignalingClient.connect(server.signalingUri());
             SignalingClient second = SignalingClient.connect(server.signalingUri())) {
            first.send(SignalingClient.join("smoke", "Ada"));
            JsonObject joined = first.next("joined", REPLY);
            String firstId = joined.get("participantId").getAsString();
            assertFalse(firstId.isBlank(), joined::toString);
            assertTrue(joined.get("participants").isJsonArray(), joined::toString);

            second.send(SignalingClient.join("smoke", "Grace"));
            JsonObject secondJoined = second.next("joined", REPLY);
            String secondId = secondJoined.get("participantId").getAsString();
            assertFalse(firstId.equals(secondId), "two participants got the same id " + firstId);
            assertTrue(mentions(secondJoined.getAsJsonArray("participants"), firstId),
                    "second joiner's list lacks the first participant: " + secondJoined);
        }
    }

    @Test
    void badJsonGetsAnErrorAndTheConnectionStaysUp() {
        try (SignalingClient client = SignalingClient.connect(server.signalingUri())) {
            client.send("{\"type\": \"join\", this is not json");
            JsonObject error = client.next("error", REPLY);
            assertEquals("bad-json", error.get("code").getAsString(), error::toString);
            assertTrue(client.isOpen(), "server closed the connection after bad JSON");
            client.send("{\"type\":\"ping\"}");
            JsonObject pong = client.next("pong", REPLY);
            assertEquals("pong", pong.get("type").getAsString());
            assertTrue(client.ping(REPLY), "no WebSocket pong frame after bad JSON");

            client.send(SignalingClient.join("smoke-after-error", "Linus"));
            JsonObject joined = client.next("joined", REPLY);
            assertFalse(joined.get("participantId").getAsString().isBlank(), joined::toString);
        }
    }

    private static boolean mentions(JsonArray participants, String id) {
        for (JsonElement p : participants) {
            JsonElement pid = p.isJsonObject() ? p.getAsJsonObject().get("id") : p;
            if (pid == null && p.isJsonObject()) {
                pid = p.getAsJsonObject().get("participantId");
            }
            if (pid != null && id.equals(pid.getAsString())) {
                return true;
            }
        }
        return false;
    }
}
