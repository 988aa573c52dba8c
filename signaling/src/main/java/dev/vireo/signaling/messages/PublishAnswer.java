package dev.vireo.signaling.messages;

/** The SFU's answer to the client's {@link PublishOffer}. */
public record PublishAnswer(String sdp) implements ServerMessage {
    public static final String TYPE = "publish-answer";

    @Override
    public String type() {
        return TYPE;
    }
}
