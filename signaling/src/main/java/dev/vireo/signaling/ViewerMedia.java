package dev.vireo.signaling;

import dev.vireo.sdp.LocalTransport;
import dev.vireo.sfu.NegotiationException;
import java.util.List;

/** One receive-only viewer's media (a WHEP player), as the HTTP side drives it. */
public interface ViewerMedia {
    /** The media plane's answer to the viewer's offer. */
    String answer();

    /** The participant whose tracks the viewer receives now, or null when nobody publishes. */
    String followedPublisher();

    /** A trickled remote candidate ("candidate:..."); null or empty for end of candidates. */
    void addRemoteCandidate(String candidate) throws NegotiationException;

    /** Restarts ICE towards the viewer's new credentials; returns the media plane's new ones. */
    LocalTransport restartIce(String ufrag, String pwd, List<String> candidates) throws NegotiationException;

    /** Stops sending to the viewer and frees its transport. */
    void close(String reason);
}
