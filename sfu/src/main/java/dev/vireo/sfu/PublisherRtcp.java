package dev.vireo.sfu;

import dev.vireo.buffer.PacketBuffer;
import dev.vireo.rtcp.ReceiverEstimatedMaxBitrate;
import dev.vireo.rtcp.ReceiverReport;
import dev.vireo.rtcp.ReportBlock;
import dev.vireo.rtp.HeaderExtensions;
import dev.vireo.sdp.ExtensionUris;
import dev.vireo.sdp.MediaKind;
import dev.vireo.sdp.PublishedTrack;
import dev.vireo.sfu.forward.InboundStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The RTCP the SFU sends a publisher, as the receiver of its streams: receiver reports (loss, jitter, LSR/DLSR, so
 * the browser can compute its round-trip time) and a REMB that lets its encoder climb to full quality, plus the
 * choice between PLI and FIR for keyframe requests, and finding a stream by its MID when the SDP named no SSRC.
 */
final class PublisherRtcp {
    /** What the SFU tells a publisher it may send per video stream until bandwidth estimation lands. */
    static final long VIDEO_BITRATE_CAP_BPS = 2_500_000;

    private final int senderSsrc;
    private volatile List<PublishedTrack> tracks = List.of();
    private volatile byte[][] mids = new byte[0][];
    private volatile int midExtensionId = -1;
    private int firSequence;

    PublisherRtcp(int senderSsrc) {
        this.senderSsrc = senderSsrc;
    }

    /** The tracks of the latest publish offer, in the same order as the participant's inbound streams. */
    void tracks(List<PublishedTrack> latest) {
        byte[][] m = new byte[latest.size()][];
        int midId = -1;
        for (int i = 0; i < latest.size(); i++) {
            PublishedTrack track = latest.get(i);
            m[i] = track.mid().getBytes(StandardCharsets.US_ASCII);
            byte[] map = track.extensionIdMap();
            for (int id = 1; id < map.length; id++) {
                if (map[id] == ExtensionUris.canonicalId(ExtensionUris.MID)) {
                    midId = id;
                }
            }
        }
        tracks = List.copyOf(latest);
        mids = m;
        midExtensionId = midId;
    }

    /** True when the publisher's SDP allowed FIR but not PLI for this stream (RFC 5104 §4.3.1 vs RFC 4585 §6.3.1). */
    boolean firOnly(InboundStream stream) {
        for (PublishedTrack track : tracks) {
            if (track.ssrc() == (stream.ssrc() & 0xFFFFFFFFL)) {
                return !track.pli() && track.fir();
            }
        }
        return false;
    }

    synchronized int nextFirSequence() {
        firSequence = (firSequence + 1) & 0xFF;
        return firSequence;
    }

    /** Writes RR (+ REMB when video is published) into {@code b}; returns the length, 0 when nothing to report. */
    int writeReports(byte[] b, int off, List<InboundStream> streams, long nowNanos) {
        List<ReportBlock> blocks = new ArrayList<>(streams.size());
        int[] videoSsrcs = new int[streams.size()];
        int videoCount = 0;
        for (InboundStream stream : streams) {
            ReportBlock block = stream.statistics().report(stream.ssrc(), nowNanos);
            if (block != null) {
                blocks.add(block);
            }
            if (stream.kind() == MediaKind.VIDEO && stream.ssrc() != -1) {
                videoSsrcs[videoCount++] = stream.ssrc();
            }
        }
        if (blocks.isEmpty()) {
            return 0;
        }
        int len = ReceiverReport.write(b, off, senderSsrc, blocks.toArray(new ReportBlock[0]));
        if (videoCount > 0) {
            len += ReceiverEstimatedMaxBitrate.write(b, off + len, senderSsrc,
                    VIDEO_BITRATE_CAP_BPS * videoCount, videoSsrcs, videoCount);
        }
        return len;
    }

    /** The stream whose MID the packet's header extension names, or null. */
    InboundStream streamByMid(PacketBuffer packet, List<InboundStream> streams) {
        int id = midExtensionId;
        if (id <= 0) {
            return null;
        }
        byte[] b = packet.array();
        int at = HeaderExtensions.find(b, packet.offset(), packet.length(), id);
        int len = HeaderExtensions.findLength(b, packet.offset(), packet.length(), id);
        if (at < 0 || len <= 0) {
            return null;
        }
        byte[][] known = mids;
        for (int i = 0; i < known.length && i < streams.size(); i++) {
            if (java.util.Arrays.equals(b, at, at + len, known[i], 0, known[i].length)) {
                return streams.get(i);
            }
        }
        return null;
    }
}
