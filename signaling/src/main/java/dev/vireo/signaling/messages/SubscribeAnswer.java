package dev.vireo.signaling.messages;

/** {@code {"type":"subscribe-answer","sdp":"..."}}: the client's answer to the last subscribe offer. */
public record SubscribeAnswer(String sdp) implements ClientMessage {
    public static final String TYPE = "subscribe-answer";

    @Override
    public String type() {
        return TYPE;
    }
}
