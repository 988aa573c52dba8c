package dev.vireo.signaling.messages;

/** {@code {"type":"ping"}}: an application-level keep-alive; answered with {@link Pong}. Allowed before join. */
public record Ping() implements ClientMessage {
    public static final String TYPE = "ping";

    @Override
    public String type() {
        return TYPE;
    }
}
