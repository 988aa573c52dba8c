package dev.vireo.sfu.forward;

import dev.vireo.buffer.PacketBuffer;
import dev.vireo.codec.h264.H264Payload;
import dev.vireo.codec.vp8.Vp8PayloadDescriptor;
import dev.vireo.rtcp.SenderReport;
import dev.vireo.rtp.AbsSendTime;
import dev.vireo.rtp.RtpPacket;
import dev.vireo.rtp.RtxPacket;
import dev.vireo.sdp.Codec;
import dev.vireo.sdp.ExtensionUris;
import dev.vireo.sdp.MediaKind;
import dev.vireo.sfu.recovery.SentPacketMap;

/**
 * One subscriber's copy of a remote track: its own SSRC, sequence numbers and timestamps (see {@link RtpRewriter}), and
 * the m-line it was negotiated on. The source may change (the publisher rejoins, or a simulcast layer switch); the
 * subscriber never notices beyond a keyframe.
 *
 * <p>Video sources are {@link LayeredTrack}s: the stream forwards one layer at a time, chosen by its
 * {@link LayerSelector}, and takes packets only from that layer and, while a switch waits for its key frame, from
 * the target layer. VP8 picture IDs and TL0PICIDX are kept continuous by a {@link Vp8Rewriter}. Video always starts
 * at a keyframe, so the subscriber's decoder never starts on a delta frame.
 *
 * <p>Locking: the packet path and {@link #target} take this object's monitor. Changing which layer streams this one
 * listens to takes the separate {@code subscriptions} lock and the layers' own monitors, never while holding this
 * monitor, so a publisher closing its streams (layer monitor, then {@link #detach(InboundStream)}) cannot deadlock
 * with a switch.
 */
public final class OutboundStream {
    private static final int ABS_SEND_TIME_ID = ExtensionUris.canonicalId(ExtensionUris.ABS_SEND_TIME);
    /**
     * While a switch waits, how often its key frame is asked for again. A 720p key frame can take most of a second
     * to get through a publisher's pacer; asking every 250 ms only queues more key frames behind it.
     */
    private static final long SWITCH_KEYFRAME_RETRY_NANOS = 1_000_000_000L;
    /** Packets remembered for NACKs: a little over a second of a 720p layer. */
    private static final int SENT_MAP_SIZE = 1024;
    /** One packet is resent at most once per this interval, however often it is NACKed. */
    private static final long RESEND_INTERVAL_NANOS = 10_000_000L;
    /** Padding bytes in a probe packet: the most RFC 3550's one-byte padding count can say. */
    public static final int PROBE_PADDING = 255;

    private final String mid;
    private final MediaKind kind;
    private final int ssrc;
    private final int rtxSsrc;
    private final RtpRewriter rewriter;
    private final Vp8Rewriter vp8 = new Vp8Rewriter();
    private final LayerSelector selector = new LayerSelector();
    private final Object subscriptions = new Object();
    /** Video only: what went out under which sequence number, for answering NACKs. Guarded by this. */
    private final SentPacketMap<InboundStream> sent;
    private volatile boolean rtxNegotiated;
    private int rtxSequence;
    private long retransmitted;
    private long notCached;
    private volatile PacketSink transport;
    private volatile InboundStream source;
    private volatile LayeredTrack track;
    private volatile boolean negotiated;
    private boolean waitingForKeyframe;
    /** Layers of {@link #track} this stream is a subscriber of, one bit each; guarded by {@code subscriptions}. */
    private int subscribedLayers;
    private long packetsSent;
    private long octetsSent;
    private long switchRequestedAtNanos;

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
    /** The stream forwarded now (for a layered track: the current layer, or the base layer before the first). */
    public InboundStream source() { return source; }
    /** The layered track feeding this stream, null for audio. */
    public LayeredTrack track() { return track; }
    public boolean negotiated() { return negotiated; }
    public int rtxSsrc() { return rtxSsrc; }

    /** Whether the subscriber's answer kept the codec's RTX payload type: retransmissions then go out as RTX. */
    public void rtxNegotiated(boolean value) {
        rtxNegotiated = value;
    }

    public boolean rtxNegotiated() {
        return rtxNegotiated;
    }

    /** Where packets go; set once the subscribe transport exists. */
    public void transport(PacketSink value) {
        transport = value;
    }

    /** Whether the subscriber's last answer accepted this m-line with the source's codec. */
    public void negotiated(boolean value) {
        negotiated = value;
    }

    /** Feeds this stream from {@code next} (for video, from the layered track it belongs to); waits for a keyframe. */
    public void attach(InboundStream next) {
        LayeredTrack nextTrack = next.track();
        synchronized (this) {
            if (source == next || (nextTrack != null && track == nextTrack)) {
                return;
            }
        }
        detach();
        synchronized (this) {
            source = next;
            track = nextTrack;
            rewriter.detachSource();
            vp8.switchSource();
            selector.reset();
            waitingForKeyframe = kind == MediaKind.VIDEO;
        }
        if (nextTrack == null) {
            next.addSubscriber(this);
        } else {
            nextTrack.addViewer(this);
            syncSubscriptions();
        }
    }

    /** Stops taking packets from {@code old}, if it feeds this stream (the publisher left or republished). */
    public synchronized void detach(InboundStream old) {
        if (source == old || (track != null && old.track() == track)) {
            source = null;
            rewriter.detachSource();
            vp8.switchSource();
            selector.reset();
        }
    }

    /** Detaches from whatever feeds this stream. */
    public void detach() {
        InboundStream current;
        LayeredTrack currentTrack;
        synchronized (this) {
            current = source;
            currentTrack = track;
            track = null;
        }
        if (currentTrack != null) {
            currentTrack.removeViewer(this);
            synchronized (subscriptions) {
                for (int i = 0; i < currentTrack.layerCount(); i++) {
                    currentTrack.layer(i).removeSubscriber(this);
                }
                subscribedLayers = 0;
            }
        } else if (current != null) {
            current.removeSubscriber(this);
        }
        if (current != null) {
            detach(current);
        }
    }

    /**
     * Sets the layer this subscriber should get; {@link LayerSelector#NONE} stops the stream (its tile is hidden).
     * Asks the target layer for a key frame when a switch is needed.
     */
    public void target(int spatial, int temporal, long nowNanos) {
        LayeredTrack t = track;
        if (t == null) {
            return;
        }
        int clamped = Math.min(spatial, t.layerCount() - 1);
        boolean pending;
        synchronized (this) {
            if (clamped == selector.targetSpatial() && temporal == selector.targetTemporal()) {
                return;
            }
            boolean wasPaused = selector.targetSpatial() == LayerSelector.NONE;
            selector.target(clamped, temporal);
            if (clamped == LayerSelector.NONE || wasPaused) {
                // Numbering continues across the pause as across a switch: no gap for the subscriber to NACK.
                rewriter.detachSource();
                vp8.switchSource();
            }
            pending = selector.switchPending();
            if (pending) {
                switchRequestedAtNanos = nowNanos;
            }
        }
        syncSubscriptions();
        if (pending && clamped >= 0) {
            t.layer(clamped).requestKeyframe(nowNanos);
        }
    }

    /** The spatial layer being forwarded, {@link LayerSelector#NONE} when none. */
    public synchronized int currentLayer() {
        return selector.currentSpatial();
    }

    public synchronized int targetLayer() {
        return selector.targetSpatial();
    }

    /** Bit i set when this stream forwards or waits for layer i of {@code of}. */
    int layersInUse(LayeredTrack of) {
        if (track != of || !negotiated) {
            return 0;
        }
        synchronized (this) {
            return layerMask(selector.currentSpatial()) | layerMask(selector.targetSpatial());
        }
    }

    private static int layerMask(int layer) {
        return layer < 0 ? 0 : 1 << layer;
    }

    /** Makes this stream a subscriber of exactly the current and the target layer. */
    private void syncSubscriptions() {
        synchronized (subscriptions) {
            LayeredTrack t;
            int wanted;
            synchronized (this) {
                t = track;
                wanted = t == null ? 0 : layerMask(selector.currentSpatial()) | layerMask(selector.targetSpatial());
            }
            if (t == null) {
                return;
            }
            for (int i = 0; i < t.layerCount(); i++) {
                int bit = 1 << i;
                if ((wanted & bit) != 0 && (subscribedLayers & bit) == 0) {
                    t.layer(i).addSubscriber(this);
                } else if ((wanted & bit) == 0 && (subscribedLayers & bit) != 0) {
                    t.layer(i).removeSubscriber(this);
                }
            }
            subscribedLayers = wanted;
        }
    }

    /** Asks the source for a keyframe (the subscriber just started, or its decoder asked). */
    public void requestKeyframe(long nowNanos) {
        LayeredTrack t = track;
        if (t != null) {
            int layer;
            boolean starting;
            synchronized (this) {
                layer = selector.targetSpatial();
                starting = selector.currentSpatial() == LayerSelector.NONE;
            }
            if (layer >= 0 && layer < t.layerCount()) {
                t.layer(layer).requestKeyframe(nowNanos);
                if (starting && layer > 0) {
                    // The lowest layer is never paused and its key frame is the quickest first picture.
                    t.layer(0).requestKeyframe(nowNanos);
                }
            }
            return;
        }
        InboundStream current = source;
        if (current != null) {
            current.requestKeyframe(nowNanos);
        }
    }

    /** Rewrites and sends one packet of {@code from}; takes ownership of the buffer. */
    public void send(InboundStream from, PacketBuffer packet) {
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
        int payloadLen = len - header - RtpPacket.paddingLength(b, off, len);
        Codec codec = from.codec();
        boolean switched = false;
        synchronized (this) {
            LayeredTrack t = track;
            if (t != null && from.track() == t) {
                boolean keyframe = isKeyframeStart(codec, b, off, header, len);
                int tid = codec == Codec.VP8 && payloadLen > 0 ? Vp8PayloadDescriptor.tid(b, off + header, payloadLen) : -1;
                switch (selector.decide(from.layer(), keyframe, tid)) {
                    case DROP -> {
                        packet.release();
                        // With nothing on screen yet, ask at the layer's own limit (every 250 ms): a start waits. The
                        // lowest layer may start the picture too, so it is asked as well.
                        boolean starting = selector.currentSpatial() < 0;
                        boolean wanted = from.layer() == selector.targetSpatial() || starting && from.layer() == 0;
                        if (wanted && (starting || now - switchRequestedAtNanos >= SWITCH_KEYFRAME_RETRY_NANOS)) {
                            switchRequestedAtNanos = now;
                            from.requestKeyframe(now);
                        }
                        return;
                    }
                    case THIN -> {
                        rewriter.skip(RtpPacket.ssrc(b, off), RtpPacket.sequenceNumber(b, off));
                        vp8.drop(b, off + header, payloadLen);
                        packet.release();
                        return;
                    }
                    case SWITCH -> {
                        switched = from != source || waitingForKeyframe;
                        source = from;
                        waitingForKeyframe = false;
                        rewriter.detachSource();
                        vp8.switchSource();
                    }
                    case FORWARD -> { }
                }
            } else {
                if (from != source) {
                    packet.release();
                    return;
                }
                if (waitingForKeyframe) {
                    if (!isKeyframeStart(codec, b, off, header, len)) {
                        packet.release();
                        from.requestKeyframe(now);
                        return;
                    }
                    waitingForKeyframe = false;
                }
            }
            if (!rewriter.rewrite(RtpPacket.ssrc(b, off), RtpPacket.sequenceNumber(b, off),
                    RtpPacket.timestamp(b, off), now)) {
                packet.release();
                return;
            }
            int outPictureId = -1;
            int outTl0 = -1;
            if (codec == Codec.VP8 && payloadLen > 0) {
                vp8.rewrite(b, off + header, payloadLen);
                outPictureId = Vp8PayloadDescriptor.pictureId(b, off + header, payloadLen);
                outTl0 = Vp8PayloadDescriptor.tl0PicIdx(b, off + header, payloadLen);
            }
            if (sent != null) {
                sent.record(rewriter.outSequenceNumber(), rewriter.outTimestamp(), from,
                        RtpPacket.sequenceNumber(b, off), outPictureId, outTl0);
            }
            RtpPacket.setSsrc(b, off, ssrc);
            RtpPacket.setSequenceNumber(b, off, rewriter.outSequenceNumber());
            RtpPacket.setTimestamp(b, off, rewriter.outTimestamp());
            RtpPacket.setPayloadType(b, off, codec.payloadType());
            packetsSent++;
            octetsSent += len - header;
        }
        if (kind == MediaKind.VIDEO) {
            // The subscriber's REMB estimator compares send-time gaps with arrival gaps: it needs the SFU's clock,
            // not the publishers' (one per remote track, and unrelated to this hop).
            AbsSendTime.rewrite(b, off, len, ABS_SEND_TIME_ID, System.nanoTime());
        }
        if (switched) {
            syncSubscriptions();
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
            restoreVp8Descriptor(b, off, packet.length(), src.codec(), entry);
            if (rtx) {
                int at = RtxPacket.wrap(b, off, packet.length(), rtxSsrc, rtxSequence, src.codec().rtxPayloadType());
                rtxSequence = (rtxSequence + 1) & 0xFFFF;
                packet.setRange(at, packet.length() + RtxPacket.OSN_SIZE);
            }
            retransmitted++;
        }
        out.sendRtp(packet);
    }

    /**
     * Sends one bandwidth probe packet: padding only (RFC 3550 §5.1, P bit set, no payload) on the RTX SSRC, with
     * the next RTX sequence number and the last media timestamp, handed to the transport as part of probe cluster
     * {@code cluster}. The subscriber's RTX receiver discards a packet with no OSN, so nothing reaches its decoder;
     * a fresh RTX sequence number is a fresh SRTP index (no nonce re-use under AES-GCM). Only once media went out
     * and only where the subscriber negotiated RTX.
     *
     * @return false when no probe can go out on this stream now
     */
    public boolean sendProbePadding(int cluster) {
        PacketSink out = transport;
        InboundStream src = source;
        if (!rtxNegotiated || !negotiated || out == null || src == null || !out.isReady()) {
            return false;
        }
        PacketBuffer packet = out.takeBuffer();
        byte[] b = packet.array();
        int off = packet.offset();
        synchronized (this) {
            if (!rewriter.hasSource()) {
                packet.release();
                return false;
            }
            int header = RtpPacket.writeHeader(b, off, src.codec().rtxPayloadType(), false, rtxSequence,
                    rewriter.outTimestamp(), rtxSsrc);
            rtxSequence = (rtxSequence + 1) & 0xFFFF;
            b[off] |= 0x20; // P: the payload is all padding
            java.util.Arrays.fill(b, off + header, off + header + PROBE_PADDING - 1, (byte) 0);
            b[off + header + PROBE_PADDING - 1] = (byte) PROBE_PADDING;
            packet.setRange(off, header + PROBE_PADDING);
        }
        out.sendProbe(packet, cluster);
        return true;
    }

    /** Whether probes can go out on this stream: RTX negotiated and media flowing. */
    public synchronized boolean canCarryProbes() {
        return rtxNegotiated && negotiated && source != null && rewriter.hasSource();
    }

    /** A resent VP8 packet carries the picture ID and TL0PICIDX this subscriber saw, not the publisher's. */
    private void restoreVp8Descriptor(byte[] b, int off, int len, Codec codec, int entry) {
        if (codec != Codec.VP8) {
            return;
        }
        int header = RtpPacket.headerLength(b, off, len);
        int payloadLen = len - header - RtpPacket.paddingLength(b, off, len);
        if (header <= 0 || payloadLen <= 0) {
            return;
        }
        if (sent.outPictureId(entry) >= 0) {
            Vp8PayloadDescriptor.setPictureId(b, off + header, payloadLen, sent.outPictureId(entry));
        }
        if (sent.outTl0PicIdx(entry) >= 0) {
            Vp8PayloadDescriptor.setTl0PicIdx(b, off + header, payloadLen, sent.outTl0PicIdx(entry));
        }
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
    public void sendSenderReport(InboundStream from, byte[] srcBuf, int srcOff, long sourceRtpTimestamp) {
        PacketSink out = transport;
        if (!negotiated || out == null || !out.isReady() || from != source) {
            return;
        }
        PacketBuffer packet = out.takeBuffer();
        byte[] b = packet.array();
        int off = packet.offset();
        int length = SenderReport.copySenderInfo(srcBuf, srcOff, b, off);
        synchronized (this) {
            if (!rewriter.hasSource() || from != source) {
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
