package dev.vireo.signaling.messages;

/**
 * A host's answer to a {@link Knock}: {@code {"type":"admit","knockId":"K"}} lets the guest in,
 * {@code {"type":"deny","knockId":"K"}} sends them away. Only hosts may send it.
 *
 * @param type    {@link #ADMIT} or {@link #DENY}
 * @param knockId the id from the {@code knock} message
 */
public record LobbyDecision(String type, String knockId) implements ClientMessage {
    public static final String ADMIT = "admit";
    public static final String DENY = "deny";

    public boolean admits() {
        return ADMIT.equals(type);
    }
}
