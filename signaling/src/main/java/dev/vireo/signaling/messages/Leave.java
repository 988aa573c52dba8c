package dev.vireo.signaling.messages;

/** {@code {"type":"leave"}}: the client is done; the server answers {@code bye} and closes the connection. */
public record Leave() implements ClientMessage {
    public static final String TYPE = "leave";

    @Override
    public String type() {
        return TYPE;
    }
}
