package dev.vireo.sdp;

/**
 * One m-line of a SUBSCRIBE offer: a remote participant's track the SFU forwards to this subscriber, or (when not
 * {@code active}) a slot kept as {@code a=inactive} after that track went away, reusable for a new track of its kind.
 *
 * @param ssrc    the SSRC the SFU sends the track with (ignored when inactive)
 * @param rtxSsrc the SSRC of its RTX stream, announced with a=ssrc-group:FID; -1 when the SFU sends no RTX
 */
public record OutgoingTrack(String mid, MediaKind kind, boolean active, long ssrc, String streamId, String trackId,
                            String cname, long rtxSsrc) {
    /** A track without RTX SSRC. */
    public OutgoingTrack(String mid, MediaKind kind, boolean active, long ssrc, String streamId, String trackId,
                         String cname) {
        this(mid, kind, active, ssrc, streamId, trackId, cname, -1);
    }
}
