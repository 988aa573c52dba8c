package dev.vireo.signaling;

import dev.vireo.sfu.NegotiationException;
import dev.vireo.sfu.PeerConnectionRole;

/** One participant's media, as the signaling layer drives it. */
public interface MediaSession {
    /** Accepts the client's publish offer and returns the answer. */
    String handlePublishOffer(String offerSdp) throws NegotiationException;

    /** Applies the client's answer to the last subscribe offer. */
    void handleSubscribeAnswer(String answerSdp) throws NegotiationException;

    /** A trickled remote candidate; null for end of candidates. */
    void addRemoteCandidate(PeerConnectionRole role, String candidate) throws NegotiationException;

    /**
     * How the client shows the others' video, by publisher participant id; the media plane picks layers to fit.
     * A media plane without layer selection ignores it.
     */
    default void videoLayout(java.util.Map<String, dev.vireo.sfu.VideoTile> tiles) {
    }

    /** Leaves the room and frees the participant's transports. */
    void close(String reason);
}
