package dev.vireo.signaling.messages;

/** Sent to the others in a room when someone joins. */
public record ParticipantJoined(ParticipantInfo participant) implements ServerMessage {
    public static final String TYPE = "participant-joined";

    @Override
    public String type() {
        return TYPE;
    }
}
