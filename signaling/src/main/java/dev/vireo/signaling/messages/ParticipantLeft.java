package dev.vireo.signaling.messages;

/**
 * Sent to the others in a room when someone leaves.
 *
 * @param reason {@link #LEFT} when the client said {@code leave}, {@link #DISCONNECTED} when its connection or its
 *               media went away, {@link #REMOVED} when a host removed it
 */
public record ParticipantLeft(String participantId, String reason) implements ServerMessage {
    public static final String TYPE = "participant-left";
    public static final String LEFT = "left";
    public static final String DISCONNECTED = "disconnected";
    /** A host removed the participant. */
    public static final String REMOVED = "removed";

    @Override
    public String type() {
        return TYPE;
    }
}
