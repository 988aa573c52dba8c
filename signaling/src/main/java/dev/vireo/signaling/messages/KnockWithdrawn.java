package dev.vireo.signaling.messages;

/**
 * To each host of a room: a knock is no longer waiting.
 *
 * @param knockId the knock's id
 * @param reason  {@link #ADMITTED}, {@link #DENIED} (by some host) or {@link #LEFT} (the guest went away)
 */
public record KnockWithdrawn(String knockId, String reason) implements ServerMessage {
    public static final String TYPE = "knock-withdrawn";
    public static final String ADMITTED = "admitted";
    public static final String DENIED = "denied";
    public static final String LEFT = "left";

    @Override
    public String type() {
        return TYPE;
    }
}
