package dev.vireo.signaling;

import dev.vireo.sfu.NegotiationException;
import dev.vireo.sfu.PeerConnectionRole;

/**
 * A {@link MediaSession} that hands every call to a real one; test media planes extend it and override only the
 * call they inject into.
 */
class ForwardingMediaSession implements MediaSession {
    private final MediaSession real;

    ForwardingMediaSession(MediaSession real) {
        this.real = real;
    }

    @Override
    public String handlePublishOffer(String offerSdp) throws NegotiationException {
        return real.handlePublishOffer(offerSdp);
    }

    @Override
    public void handleSubscribeAnswer(String answerSdp) throws NegotiationException {
        real.handleSubscribeAnswer(answerSdp);
    }

    @Override
    public void addRemoteCandidate(PeerConnectionRole role, String candidate) throws NegotiationException {
        real.addRemoteCandidate(role, candidate);
    }

    @Override
    public void close(String reason) {
        real.close(reason);
    }
}
