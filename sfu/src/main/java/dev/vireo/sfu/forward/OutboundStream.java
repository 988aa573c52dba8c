package dev.vireo.sfu.forward;

import dev.vireo.buffer.PacketBuffer;
import dev.vireo.codec.h264.H264Payload;
import dev.vireo.codec.vp8.Vp8PayloadDescriptor;
import dev.vireo.rtcp.SenderReport;
import dev.vireo.rtp.RtpPacket;
import dev.vireo.rtp.RtxPacket;
import dev.vireo.sdp.Codec;
import dev.vireo.sdp.MediaKind;
import dev.vireo.sfu.recovery.SentPacketMap;

/**
 * One subscriber's copy of a remote track: its own SSRC, sequence numbers and timestamps (see {@link RtpRewriter}), and
 * the m-line it was negotiated on. The source may change (the publisher rejoins); the subscriber never notices
 * beyond a keyframe.
 *
 * <p>Video starts at a keyframe: until one arrives packets are dropped and the source is asked for one, so the
 * subscriber's decoder never starts on a delta frame. Synchronized: a source's receive thread and, briefly during a
 * switch, the next source's thread are the only callers, so the lock is uncontended.
 */
public final class OutboundStream {
    /** Packets remembered for NACKs: a little over a second of a 720p layer. */
    private static final int SENT_MAP_SIZE = 1024;
    /** One packet is resent at most once per this interval, however often it is NACKed. */
    private static final long RESEND_INTERVAL_NANOS = 10_000_000L;

    private final String mid;
    private final MediaKind kind;
    private final int ssrc;
    private final int rtxSsrc;
    private final RtpRewriter rewriter;
    /** Video only: what went out under which sequence number, for answering NACKs. Guarded by this. */
    private final SentPacketMap<InboundStream> sent;
    private volatile boolean rtxNegotiated;
    private int rtxSequence;
    private long retransmitted;
    private long notCached;
    private volatile PacketSink transport;
    private volatile InboundStream source;
    private volatile boolean negotiated;
    private boolean waitingForKeyframe;
    private long packetsSent;
    private long octetsSent;

    public OutboundStream(String mid, MediaKind kind, int ssrc, int clockRate, int initialSeq, long initialTs) {
        this(mid, kind, ssrc, ~ssrc, clockRate, initialSeq, initialTs);
    }

    /** @param rtxSsrc the SSRC retransmissions go out on when the subscriber negotiated RTX (RFC 4588) */
    public OutboundStream(String mid, MediaKind kind, int ssrc, int rtxSsrc, int clockRate, int initialSeq,
                          long initialTs) {
        this.mid = mid;
        this.kind = kind;
        this.ssrc = ssrc;
        this.rtxSsrc = rtxSsrc;
        this.rtxSequence = initialSeq ^ 0x5555;
        this.sent = kind == MediaKind.VIDEO ? new SentPacketMap<>(SENT_MAP_SIZE) : null;
        this.rewriter = new RtpRewriter(clockRate, initialSeq, initialTs);
        this.waitingForKeyframe = kind == MediaKind.VIDEO;
    }

    public String mid() { return mid; }
    public MediaKind kind() { return kind; }
    public int ssrc() { return ssrc; }
    public InboundStream source() { return source; }
    public boolean negotiated() { return negotiated; }
    public int rtxSsrc() { return rtxSsrc; }

    /** Whether the subscriber's answer kept the codec's RTX payload type: retransmissions then go out as RTX. */
    public void rtxNegotiated(boolean value) {
        rtxNegotiated = value;
    }

    /** Where packets go; set once the subscribe transport exists. */
    public void transport(PacketSink value) {
        transport = value;
    }

    /** Whether the subscriber's last answer accepted this m-line with the source's codec. */
    public void negotiated(boolean value) {
        negotiated = value;
    }

    /** Feeds this stream from {@code next}; video waits for the next keyframe. */
    public synchronized void attach(InboundStream next) {
        if (source == next) {
            return;
        }
        if (source != null) {
            source.removeSubscriber(this);
        }
        source = next;
        rewriter.detachSource();
        waitingForKeyframe = kind == MediaKind.VIDEO;
        next.addSubscriber(this);
    }

    /** Stops taking packets from {@code old}, if it is still the source. */
    public synchronized void detach(InboundStream old) {
        if (source == old) {
            source = null;
            rewriter.detachSource();
        }
    }

    /** Detaches from whatever source feeds this stream. */
    public void detach() {
        InboundStream current = source;
        if (current != null) {
            current.removeSubscriber(this);
            detach(current);
        }
    }

    /** Asks the source for a keyframe (the subscriber just started, or its decoder asked). */
    public void requestKeyframe(long nowNanos) {
        InboundStream current = source;
        if (current != null) {
            current.requestKeyframe(nowNanos);
        }
    }

    /** Rewrites and sends one packet; takes ownership of the buffer. */
    public void send(PacketBuffer packet) {
        PacketSink out = transport;
        if (!negotiated || out == null || !out.isReady()) {
            packet.release();
            return;
        }
        byte[] b = packet.array();
        int off = packet.offset();
        int len = packet.length();
        long now = packet.receivedAtNanos();
        int header = RtpPacket.headerLength(b, off, len);
        InboundStream src;
        synchronized (this) {
            src = source;
            if (src == null) {
                packet.release();
                return;
            }
            if (waitingForKeyframe) {
                if (!isKeyframeStart(src.codec(), b, off, header, len)) {
                    packet.release();
                    src.requestKeyframe(now);
                    return;
                }
                waitingForKeyframe = false;
            }
            if (!rewriter.rewrite(RtpPacket.ssrc(b, off), RtpPacket.sequenceNumber(b, off),
                    RtpPacket.timestamp(b, off), now)) {
                packet.release();
                return;
            }
            if (sent != null) {
                sent.record(rewriter.outSequenceNumber(), rewriter.outTimestamp(), src,
                        RtpPacket.sequenceNumber(b, off));
            }
            RtpPacket.setSsrc(b, off, ssrc);
            RtpPacket.setSequenceNumber(b, off, rewriter.outSequenceNumber());
            RtpPacket.setTimestamp(b, off, rewriter.outTimestamp());
            RtpPacket.setPayloadType(b, off, src.codec().payloadType());
            packetsSent++;
            octetsSent += len - header;
        }
        out.sendRtp(packet);
    }

    /**
     * Answers a subscriber's NACK for one of the sequence numbers it saw (RFC 4585 §6.2.1): the packet comes from the
     * source's cache, rewritten exactly as it first went out, and is sent as RTX (RFC 4588) when negotiated, else as
     * is. Packets no longer cached, or resent moments ago, are skipped. Runs on the subscriber's RTCP thread.
     */
    public void retransmit(int outSeq, long nowNanos) {
        PacketSink out = transport;
        boolean rtx = rtxNegotiated;
        if (sent == null || !negotiated || out == null || !out.isReady() || !(rtx || out.allowsPlainRetransmission())) {
            return;
        }
        PacketBuffer packet = out.takeBuffer();
        synchronized (this) {
            int entry = sent.claimRetransmission(outSeq, nowNanos, RESEND_INTERVAL_NANOS);
            InboundStream src = entry < 0 ? null : sent.source(entry);
            if (src == null || !src.copyCached(sent.sourceSeq(entry), nowNanos, packet)) {
                notCached += entry < 0 ? 0 : 1;
                packet.release();
                return;
            }
            byte[] b = packet.array();
            int off = packet.offset();
            RtpPacket.setSsrc(b, off, ssrc);
            RtpPacket.setSequenceNumber(b, off, outSeq);
            RtpPacket.setTimestamp(b, off, sent.outTimestamp(entry));
            RtpPacket.setPayloadType(b, off, src.codec().payloadType());
            if (rtx) {
                int at = RtxPacket.wrap(b, off, packet.length(), rtxSsrc, rtxSequence, src.codec().rtxPayloadType());
                rtxSequence = (rtxSequence + 1) & 0xFFFF;
                packet.setRange(at, packet.length() + RtxPacket.OSN_SIZE);
            }
            retransmitted++;
        }
        out.sendRtp(packet);
    }

    /** Packets resent in answer to NACKs. */
    public synchronized long retransmitted() {
        return retransmitted;
    }

    /** NACKed packets that could not be resent because the source's cache no longer held them. */
    public synchronized long notCached() {
        return notCached;
    }

    /** Sends the source's sender report with our SSRC and timestamps, so the subscriber can keep lip sync. */
    public void sendSenderReport(byte[] srcBuf, int srcOff, long sourceRtpTimestamp) {
        PacketSink out = transport;
        if (!negotiated || out == null || !out.isReady()) {
            return;
        }
        PacketBuffer packet = out.takeBuffer();
        byte[] b = packet.array();
        int off = packet.offset();
        int length = SenderReport.copySenderInfo(srcBuf, srcOff, b, off);
        synchronized (this) {
            if (!rewriter.hasSource()) {
                packet.release();
                return;
            }
            SenderReport.rewrite(b, off, ssrc, rewriter.mapTimestamp(sourceRtpTimestamp));
            SenderReport.setCounts(b, off, packetsSent, octetsSent);
        }
        packet.setRange(off, length);
        out.sendRtcp(packet);
    }

    static boolean isKeyframeStart(Codec codec, byte[] b, int off, int header, int len) {
        int payloadLen = len - header - RtpPacket.paddingLength(b, off, len);
        if (payloadLen <= 0) {
            return false;
        }
        return switch (codec) {
            case VP8 -> Vp8PayloadDescriptor.isKeyframe(b, off + header, payloadLen);
            case H264 -> H264Payload.isKeyframe(b, off + header, payloadLen);
            default -> true;
        };
    }
}
