package dev.vireo.signaling.messages;

/**
 * {@code {"type":"join","version":1,"room":"R","name":"Alice","participantId":"..."}}: enter a room.
 *
 * @param version       the protocol version the client speaks; only {@link MessageCodec#VERSION} is accepted
 * @param room          1-64 of {@code [A-Za-z0-9_.-]}
 * @param name          the display name, trimmed, 1-64 characters
 * @param participantId the id this client had before its connection dropped, or null for a fresh join
 */
public record Join(int version, String room, String name, String participantId) implements ClientMessage {
    public static final String TYPE = "join";

    @Override
    public String type() {
        return TYPE;
    }
}
