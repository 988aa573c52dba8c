package dev.vireo.signaling.messages;

/** Sent to the others in a room when someone's name or mute flags change (mute, or a rejoin). */
public record ParticipantUpdated(ParticipantInfo participant) implements ServerMessage {
    public static final String TYPE = "participant-updated";

    @Override
    public String type() {
        return TYPE;
    }
}
