package dev.vireo.signaling.messages;

import dev.vireo.sfu.PeerConnectionRole;

/**
 * {@code {"type":"candidate","pc":"publish","candidate":"candidate:...","sdpMid":"0","sdpMLineIndex":0}}: one trickled
 * ICE candidate, in either direction. An empty candidate means end of candidates.
 *
 * @param pc            {@code "publish"} or {@code "subscribe"}: which of the participant's PeerConnections
 * @param candidate     the SDP attribute value without {@code a=}, or "" for end of candidates
 * @param sdpMid        the media section's mid, or null
 * @param sdpMLineIndex the media section's index, or null
 */
public record Candidate(String pc, String candidate, String sdpMid, Integer sdpMLineIndex)
        implements ClientMessage, ServerMessage {
    public static final String TYPE = "candidate";
    public static final String PUBLISH = "publish";
    public static final String SUBSCRIBE = "subscribe";

    @Override
    public String type() {
        return TYPE;
    }

    public boolean isEndOfCandidates() {
        return candidate.isEmpty();
    }

    public PeerConnectionRole role() {
        return pc.equals(PUBLISH) ? PeerConnectionRole.PUBLISH : PeerConnectionRole.SUBSCRIBE;
    }

    public static String pcName(PeerConnectionRole role) {
        return role == PeerConnectionRole.PUBLISH ? PUBLISH : SUBSCRIBE;
    }
}
