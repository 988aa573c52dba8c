package dev.vireo.signaling.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every JSON example in {@code docs/signaling.md}: client messages must decode, server messages must be
 * exactly what the server's classes encode.
 */
class SignalingDocExamplesTest {
    private static final Path DOC = Path.of("..", "docs", "signaling.md");
    private static final Map<String, Class<? extends ServerMessage>> SERVER_TYPES = Map.ofEntries(
            Map.entry(Joined.TYPE, Joined.class),
            Map.entry(ParticipantJoined.TYPE, ParticipantJoined.class),
            Map.entry(ParticipantLeft.TYPE, ParticipantLeft.class),
            Map.entry(ParticipantUpdated.TYPE, ParticipantUpdated.class),
            Map.entry(PublishAnswer.TYPE, PublishAnswer.class),
            Map.entry(SubscribeOffer.TYPE, SubscribeOffer.class),
            Map.entry(Candidate.TYPE, Candidate.class),
            Map.entry(Pong.TYPE, Pong.class),
            Map.entry(ErrorMessage.TYPE, ErrorMessage.class),
            Map.entry(Bye.TYPE, Bye.class),
            Map.entry(PublishLayers.TYPE, PublishLayers.class),
            Map.entry(MutedByHost.TYPE, MutedByHost.class),
            Map.entry(ActiveSpeaker.TYPE, ActiveSpeaker.class),
            Map.entry(LobbyWaiting.TYPE, LobbyWaiting.class),
            Map.entry(Knock.TYPE, Knock.class),
            Map.entry(KnockWithdrawn.TYPE, KnockWithdrawn.class));
    private static final Set<String> CLIENT_TYPES = Set.of(Join.TYPE, PublishOffer.TYPE, SubscribeAnswer.TYPE,
            Candidate.TYPE, Mute.TYPE, Leave.TYPE, Ping.TYPE, VideoLayout.TYPE, HostAction.TYPE,
            LobbyDecision.ADMIT, LobbyDecision.DENY);

    static List<String> examples() throws IOException {
        List<String> examples = new ArrayList<>();
        boolean inJson = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.strip().equals("```json")) {
                inJson = true;
            } else if (line.strip().startsWith("```")) {
                inJson = false;
            } else if (inJson && !line.isBlank()) {
                examples.add(line.strip());
            }
        }
        return examples;
    }

    @Test
    void theDocumentHasExamplesOfEveryMessage() throws IOException {
        List<String> types = examples().stream()
                .map(e -> JsonParser.parseString(e).getAsJsonObject().get("type").getAsString()).toList();
        assertTrue(types.containsAll(CLIENT_TYPES), "client types documented: " + types);
        assertTrue(types.containsAll(SERVER_TYPES.keySet()), "server types documented: " + types);
    }

    @TestFactory
    Stream<DynamicTest> everyExampleMatchesTheMessageClasses() throws IOException {
        return examples().stream().map(example -> DynamicTest.dynamicTest(example, () -> {
            JsonObject json = JsonParser.parseString(example).getAsJsonObject();
            String type = json.get("type").getAsString();
            boolean known = false;
            if (CLIENT_TYPES.contains(type) && isClientShaped(json)) {
                ClientMessage decoded = MessageCodec.decode(example);
                assertEquals(type, decoded.type());
                known = true;
            }
            if (SERVER_TYPES.containsKey(type) && !isClientShaped(json)) {
                ServerMessage message = new Gson().fromJson(json, SERVER_TYPES.get(type));
                assertEquals(json, JsonParser.parseString(MessageCodec.encode(message)), "re-encoded");
                known = true;
            }
            if (type.equals(Candidate.TYPE)) {
                // One shape both ways: it must decode as a client message and re-encode unchanged.
                Candidate candidate = (Candidate) MessageCodec.decode(example);
                assertEquals(json, JsonParser.parseString(MessageCodec.encode(candidate)));
                known = true;
            }
            assertTrue(known, "no message class for " + example);
        }));
    }

    /** Join, publish-offer, subscribe-answer, mute, leave, ping, host-action: types only clients send. */
    private static boolean isClientShaped(JsonObject json) {
        String type = json.get("type").getAsString();
        return CLIENT_TYPES.contains(type) && !type.equals(Candidate.TYPE);
    }
}
