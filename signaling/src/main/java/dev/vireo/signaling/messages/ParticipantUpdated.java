package dev.vireo.signaling.messages;

/**
 * Sent to the others in a room when someone's name or mute flags change (mute, a host's mute, or a rejoin); sent to
 * everyone, the participant included, when its role changes (a host made it host).
 */
public record ParticipantUpdated(ParticipantInfo participant) implements ServerMessage {
    public static final String TYPE = "participant-updated";

    @Override
    public String type() {
        return TYPE;
    }
}
