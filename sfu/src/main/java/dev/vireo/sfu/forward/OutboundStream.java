package dev.vireo.sfu.forward;

import dev.vireo.buffer.PacketBuffer;
import dev.vireo.codec.h264.H264Payload;
import dev.vireo.codec.vp8.Vp8PayloadDescriptor;
import dev.vireo.rtcp.SenderReport;
import dev.vireo.rtp.RtpPacket;
import dev.vireo.sdp.Codec;
import dev.vireo.sdp.MediaKind;

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
    private final String mid;
    private final MediaKind kind;
    private final int ssrc;
    private final RtpRewriter rewriter;
    private volatile PacketSink transport;
    private volatile InboundStream source;
    private volatile boolean negotiated;
    private boolean waitingForKeyframe;
    private long packetsSent;
    private long octetsSent;

    public OutboundStream(String mid, MediaKind kind, int ssrc, int clockRate, int initialSeq, long initialTs) {
        this.mid = mid;
        this.kind = kind;
        this.ssrc = ssrc;
        this.rewriter = new RtpRewriter(clockRate, initialSeq, initialTs);
        this.waitingForKeyframe = kind == MediaKind.VIDEO;
    }

    public String mid() { return mid; }
    public MediaKind kind() { return kind; }
    public int ssrc() { return ssrc; }
    public InboundStream source() { return source; }
    public boolean negotiated() { return negotiated; }

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
            RtpPacket.setSsrc(b, off, ssrc);
            RtpPacket.setSequenceNumber(b, off, rewriter.outSequenceNumber());
            RtpPacket.setTimestamp(b, off, rewriter.outTimestamp());
            RtpPacket.setPayloadType(b, off, src.codec().payloadType());
            packetsSent++;
            octetsSent += len - header;
        }
        out.sendRtp(packet);
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
