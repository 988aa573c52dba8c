package dev.vireo.signaling.messages;

/** {@code {"type":"publish-offer","sdp":"..."}}: the client's offer for its publish PeerConnection. */
public record PublishOffer(String sdp) implements ClientMessage {
    public static final String TYPE = "publish-offer";

    @Override
    public String type() {
        return TYPE;
    }
}
