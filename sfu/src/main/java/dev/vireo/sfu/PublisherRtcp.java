package dev.vireo.sfu;

import dev.vireo.buffer.PacketBuffer;
import dev.vireo.rtcp.ReceiverEstimatedMaxBitrate;
import dev.vireo.rtcp.ReceiverReport;
import dev.vireo.rtcp.ReportBlock;
import dev.vireo.rtp.HeaderExtensions;
import dev.vireo.sdp.ExtensionUris;
import dev.vireo.sdp.MediaDescription;
import dev.vireo.sdp.MediaKind;
import dev.vireo.sdp.PublishedTrack;
import dev.vireo.sdp.SessionDescription;
import dev.vireo.sfu.forward.InboundStream;
import dev.vireo.sfu.forward.LayeredTrack;
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
    /** Per track, in order: true when its m-line negotiated FIR but not PLI. */
    private volatile boolean[] firOnly = new boolean[0];
    private volatile byte[][] mids = new byte[0][];
    private volatile int midExtensionId = -1;
    private volatile int ridExtensionId = -1;
    private volatile int repairedRidExtensionId = -1;
    private int firSequence;

    PublisherRtcp(int senderSsrc) {
        this.senderSsrc = senderSsrc;
    }

    /** The tracks of the latest publish offer, in the same order as the participant's inbound streams. */
    void tracks(List<PublishedTrack> latest, SessionDescription offer) {
        byte[][] m = new byte[latest.size()][];
        boolean[] fir = new boolean[latest.size()];
        int midId = -1;
        int ridId = -1;
        int repairedId = -1;
        for (int i = 0; i < latest.size(); i++) {
            PublishedTrack track = latest.get(i);
            m[i] = track.mid().getBytes(StandardCharsets.US_ASCII);
            fir[i] = negotiatedFirOnly(offer, track);
            byte[] map = track.extensionIdMap();
            for (int id = 1; id < map.length; id++) {
                if (map[id] == ExtensionUris.canonicalId(ExtensionUris.MID)) {
                    midId = id;
                } else if (map[id] == ExtensionUris.canonicalId(ExtensionUris.RTP_STREAM_ID)) {
                    ridId = id;
                } else if (map[id] == ExtensionUris.canonicalId(ExtensionUris.REPAIRED_RTP_STREAM_ID)) {
                    repairedId = id;
                }
            }
        }
        tracks = List.copyOf(latest);
        firOnly = fir;
        mids = m;
        midExtensionId = midId;
        ridExtensionId = ridId;
        repairedRidExtensionId = repairedId;
    }

    /** True when the publisher's SDP allowed FIR but not PLI for this stream (RFC 5104 §4.3.1 vs RFC 4585 §6.3.1). */
    boolean firOnly(InboundStream stream) {
        List<PublishedTrack> current = tracks;
        boolean[] fir = firOnly;
        for (int i = 0; i < current.size() && i < fir.length; i++) {
            if (current.get(i).ssrc() == (stream.ssrc() & 0xFFFFFFFFL)) {
                return fir[i];
            }
        }
        return false;
    }

    private static boolean negotiatedFirOnly(SessionDescription offer, PublishedTrack track) {
        for (MediaDescription media : offer.media()) {
            if (track.mid().equals(media.mid())) {
                List<String> feedback = media.rtcpFeedback(track.payloadType());
                return !feedback.contains("nack pli") && feedback.contains("ccm fir");
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

    /**
     * The layer of {@code track} that a packet's rtp-stream-id names (RFC 8852 §3.3), or with {@code repaired} its
     * repaired-rtp-stream-id (§3.4, carried by RTX); null when the packet names no layer of the track.
     */
    InboundStream layerByRid(PacketBuffer packet, LayeredTrack track, boolean repaired) {
        int id = repaired ? repairedRidExtensionId : ridExtensionId;
        if (id <= 0 || track == null) {
            return null;
        }
        byte[] b = packet.array();
        int at = HeaderExtensions.find(b, packet.offset(), packet.length(), id);
        int len = HeaderExtensions.findLength(b, packet.offset(), packet.length(), id);
        if (at < 0 || len <= 0) {
            return null;
        }
        for (int i = 0; i < track.layerCount(); i++) {
            if (equalsAscii(b, at, len, track.rid(i))) {
                return track.layer(i);
            }
        }
        return null;
    }

    private static boolean equalsAscii(byte[] b, int at, int len, String s) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
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
