package dev.vireo.sfu;

/** One client in a room, with its publish and subscribe PeerConnections. */
public final class Participant {
    public String id() {
        throw new UnsupportedOperationException("TODO: being written");
    }

    /** Accepts the client's publish offer and returns the SFU's answer. */
    public String handlePublishOffer(String offerSdp) throws NegotiationException {
        throw new UnsupportedOperationException("TODO: being written");
    }

    /** Applies the client's answer to the last subscribe offer. */
    public void handleSubscribeAnswer(String answerSdp) throws NegotiationException {
        throw new UnsupportedOperationException("TODO: being written");
    }

    /**
     * A trickled remote candidate.
     *
     * @param candidate the SDP candidate attribute value ("candidate:..."), or null / empty for end-of-candidates
     */
    public void addRemoteCandidate(PeerConnectionRole role, String candidate) throws NegotiationException {
        throw new UnsupportedOperationException("TODO: being written");
    }

    /** Leaves the room: stops forwarding to and from this participant and frees its transports. */
    public void close(String reason) {
    }
}
