package dev.vireo.signaling.messages;

/**
 * The answer to a {@code join} in a room with a lobby: the guest waits until a host admits them ({@code joined}
 * follows) or denies them ({@code bye} with reason {@code denied}).
 *
 * @param room    the room waited for
 * @param knockId the id the hosts see this guest under
 */
public record LobbyWaiting(String room, String knockId) implements ServerMessage {
    public static final String TYPE = "lobby-waiting";

    @Override
    public String type() {
        return TYPE;
    }
}
