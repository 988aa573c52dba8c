package dev.vireo.signaling.messages;

/**
 * To each host of a room: a guest waits in the lobby. Hosts who join later get one for every guest still waiting.
 *
 * @param knockId what {@code admit}/{@code deny} name
 * @param name    the display name the guest typed
 */
public record Knock(String knockId, String name) implements ServerMessage {
    public static final String TYPE = "knock";

    @Override
    public String type() {
        return TYPE;
    }
}
