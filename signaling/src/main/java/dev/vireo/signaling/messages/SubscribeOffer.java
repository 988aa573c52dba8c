package dev.vireo.signaling.messages;

/** The SFU's offer for the client's subscribe PeerConnection; the next comes only after the client's answer. */
public record SubscribeOffer(String sdp) implements ServerMessage {
    public static final String TYPE = "subscribe-offer";

    @Override
    public String type() {
        return TYPE;
    }
}
