package dev.vireo.sdp;

import java.util.List;

/**
 * One m-line of a publish offer that the SFU accepted: what the browser will send and how to recognise it.
 *
 * @param payloadType     the publisher's payload type for {@code codec}
 * @param rtxPayloadType  the publisher's RTX payload type for it, -1 if none was offered
 * @param ssrc            the media SSRC from a=ssrc, -1 if not signalled (simulcast: match rids instead)
 * @param rtxSsrc         the RTX SSRC from a=ssrc-group:FID, -1 if not signalled
 * @param rids            the simulcast rids the SFU accepted, in the offer's order; empty without simulcast
 * @param msidStream      the stream id from a=msid (or the SSRC's msid), "-" when none is given
 * @param msidTrack       the track id from a=msid (or the SSRC's msid), the mid when none is given
 * @param extensionIdMap  256 entries: the publisher's extension id → {@link ExtensionUris#canonicalId}, 0 = drop it
 * @param simulcastSsrcs  the layers' SSRCs from a=ssrc-group:SIM, lowest first; empty when not signalled that way
 * @param simulcastRtxSsrcs the RTX SSRC each of those layers pairs with in an a=ssrc-group:FID, -1 where none
 */
public record PublishedTrack(String mid, MediaKind kind, Codec codec, int payloadType, int rtxPayloadType, long ssrc,
                             long rtxSsrc, List<String> rids, String msidStream, String msidTrack,
                             byte[] extensionIdMap, List<Long> simulcastSsrcs, List<Long> simulcastRtxSsrcs) {
    public PublishedTrack {
        rids = List.copyOf(rids);
        simulcastSsrcs = List.copyOf(simulcastSsrcs);
        simulcastRtxSsrcs = List.copyOf(simulcastRtxSsrcs);
        if (simulcastRtxSsrcs.size() != simulcastSsrcs.size()) {
            throw new IllegalArgumentException("one RTX SSRC (or -1) per SIM layer");
        }
        if (extensionIdMap.length != 256) {
            throw new IllegalArgumentException("extensionIdMap needs 256 entries");
        }
    }

    /** True if the track is sent as simulcast layers named by rid (RFC 8853). */
    public boolean simulcast() {
        return !rids.isEmpty();
    }

    /** How many layers the track is sent as: the rids, the SIM group's SSRCs, or one. */
    public int layerCount() {
        return simulcast() ? rids.size() : Math.max(1, simulcastSsrcs.size());
    }

    /** The SSRC of layer {@code index} when the SDP signalled it, else -1 (to be learnt from rtp-stream-id). */
    public long layerSsrc(int index) {
        if (!simulcastSsrcs.isEmpty()) {
            return simulcastSsrcs.get(index);
        }
        return simulcast() ? -1 : ssrc;
    }

    /** The RTX SSRC of layer {@code index} when the SDP signalled it (a=ssrc-group:FID), else -1. */
    public long layerRtxSsrc(int index) {
        if (!simulcastSsrcs.isEmpty()) {
            return simulcastRtxSsrcs.get(index);
        }
        return index == 0 ? rtxSsrc : -1;
    }

    /** The canonical id for a publisher extension id (0–255), 0 when the SFU drops that extension. */
    public int canonicalExtensionId(int publisherId) {
        return extensionIdMap[publisherId & 0xFF];
    }
}
