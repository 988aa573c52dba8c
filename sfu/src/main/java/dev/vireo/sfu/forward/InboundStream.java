package dev.vireo.sfu.forward;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.codec.vp8.Vp8PayloadDescriptor;
import dev.vireo.rtp.HeaderExtensions;
import dev.vireo.rtp.RtpPacket;
import dev.vireo.rtp.RtxPacket;
import dev.vireo.sdp.Codec;
import dev.vireo.sdp.ExtensionUris;
import dev.vireo.sdp.MediaKind;
import dev.vireo.sfu.recovery.NackGenerator;
import dev.vireo.sfu.recovery.UpstreamRecovery;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * One published track as it arrives at the SFU, and the subscribers it fans out to.
 *
 * <p>Packet path (the publisher's receive thread only): count and record statistics, rewrite header extension IDs to
 * the SFU's canonical numbering once, then hand a copy to every subscriber but the last, which gets the original.
 * The subscriber list is an immutable array replaced on change, so the packet path takes no lock.
 *
 * <p>Batches: {@link #queue} holds packets (up to {@link #MAX_PENDING}) and {@link #flush} fans them out subscriber by
 * subscriber, each subscriber getting the whole run in order. Per subscriber and packet the fan-out touches a few
 * dozen cache lines of that subscriber's state (its stream, rewriter, NACK map, transport-cc history, SRTP context,
 * socket); with hundreds of subscribers none of it is still cached when the next packet comes, so sending a key frame
 * burst to one subscriber at a time pays those misses once per run instead of once per packet.
 */
public final class InboundStream {
    /** Asks the publisher of a stream for a keyframe. */
    public interface KeyframeSource {
        void requestKeyframe(InboundStream stream);
    }

    /** Sends the publisher of a stream a NACK for the given 16-bit sequence numbers. */
    public interface NackTarget {
        void sendNack(InboundStream stream, int[] seqs, int count);
    }

    private static final OutboundStream[] NONE = new OutboundStream[0];
    /** Packets {@link #queue} holds before it fans them out itself. */
    public static final int MAX_PENDING = 16;
    private static final long KEYFRAME_REQUEST_INTERVAL_NANOS = 250_000_000L;
    /** The audio level's id after {@link HeaderExtensions#remapIds} gave every element its canonical id. */
    private static final int AUDIO_LEVEL_ID = ExtensionUris.canonicalId(ExtensionUris.AUDIO_LEVEL);

    private final String publisherId;
    private final String trackKey;
    private final MediaKind kind;
    private final Codec codec;
    private final byte[] extensionIdMap;
    private final BufferPool pool;
    private final KeyframeSource keyframeSource;
    private final ReceiveStatistics statistics;
    private final KeyframeRequestLimiter keyframeLimiter = new KeyframeRequestLimiter(KEYFRAME_REQUEST_INTERVAL_NANOS);
    private final LongAdder forwarded;
    /** Video only: Opus is not retransmitted (its FEC and PLC do better than a late packet). */
    private final UpstreamRecovery recovery;
    private volatile int ssrc;
    private volatile LayeredTrack track;
    private int layer;
    /** Payload bytes received, for the layer's bitrate; written by the receive thread only. */
    private volatile long octets;
    /** Size of the last key frame seen (VP8), 0 until one arrives. */
    private volatile int frameWidth;
    private volatile int frameHeight;
    /**
     * Audio levels seen (RFC 6464), packed as {@code packets << 32 + sum of (127 - level)}: one writer (the receive
     * thread), and a reader taking differences, which stay right across the 32-bit carry.
     */
    private volatile long audioLevels;
    private volatile OutboundStream[] subscribers = NONE;
    /** Packets taken by {@link #queue} and not yet fanned out; the receive thread's only. */
    private final PacketBuffer[] pending = new PacketBuffer[MAX_PENDING];
    private int pendingCount;

    public InboundStream(String publisherId, String trackKey, MediaKind kind, Codec codec, int ssrc,
                         byte[] extensionIdMap, BufferPool pool, KeyframeSource keyframeSource, LongAdder forwarded) {
        this(publisherId, trackKey, kind, codec, ssrc, extensionIdMap, pool, keyframeSource, null, forwarded);
    }

    /** @param nackTarget where NACKs for packets lost on the way from the publisher go; null sends none */
    public InboundStream(String publisherId, String trackKey, MediaKind kind, Codec codec, int ssrc,
                         byte[] extensionIdMap, BufferPool pool, KeyframeSource keyframeSource, NackTarget nackTarget,
                         LongAdder forwarded) {
        this.publisherId = publisherId;
        this.trackKey = trackKey;
        this.kind = kind;
        this.codec = codec;
        this.ssrc = ssrc;
        this.extensionIdMap = extensionIdMap.clone();
        this.pool = pool;
        this.keyframeSource = keyframeSource;
        this.forwarded = forwarded;
        this.statistics = new ReceiveStatistics(codec.clockRate());
        this.recovery = kind != MediaKind.VIDEO ? null : new UpstreamRecovery(pool, NackGenerator.defaults(),
                nackTarget == null ? (seqs, count) -> { } : (seqs, count) -> nackTarget.sendNack(this, seqs, count));
    }

    public String publisherId() { return publisherId; }
    /** Identifies the track within its publisher ("audio", "video"), stable across rejoins. */
    public String trackKey() { return trackKey; }
    public MediaKind kind() { return kind; }
    public Codec codec() { return codec; }
    public int ssrc() { return ssrc; }
    public ReceiveStatistics statistics() { return statistics; }
    /** The layered track this stream is a layer of, null for audio. */
    public LayeredTrack track() { return track; }
    /** This stream's layer index in its track, 0 = lowest. */
    public int layer() { return layer; }
    public long octets() { return octets; }
    public int frameWidth() { return frameWidth; }
    public int frameHeight() { return frameHeight; }

    /** Makes this stream layer {@code index} of {@code owner}; called once, when the track is built. */
    void joinTrack(LayeredTrack owner, int index) {
        track = owner;
        layer = index;
    }

    /** Forwards one authenticated RTP packet of this stream now (after any {@link #queue}d ones); owns the buffer. */
    public void onRtp(PacketBuffer packet) {
        queue(packet);
        flush();
    }

    /**
     * Takes one authenticated RTP packet of this stream for the next {@link #flush}: it is counted, recorded and
     * rewritten now, and fanned out with the packets queued before it. Fans out by itself when
     * {@link #MAX_PENDING} packets wait. Takes ownership of the buffer.
     */
    public void queue(PacketBuffer packet) {
        if (!accept(packet)) {
            return;
        }
        pending[pendingCount++] = packet;
        if (pendingCount == MAX_PENDING) {
            flush();
        }
    }

    /** Fans out the queued packets: every subscriber gets all of them, in order, before the next one gets any. */
    public void flush() {
        int n = pendingCount;
        if (n == 0) {
            return;
        }
        pendingCount = 0;
        OutboundStream[] targets = subscribers;
        int last = targets.length - 1;
        if (last < 0) {
            for (int i = 0; i < n; i++) {
                pending[i].release();
                pending[i] = null;
            }
            return;
        }
        for (int t = 0; t < last; t++) {
            OutboundStream target = targets[t];
            for (int i = 0; i < n; i++) {
                target.send(this, pending[i].copyTo(pool.take()));
            }
        }
        OutboundStream target = targets[last];
        for (int i = 0; i < n; i++) {
            target.send(this, pending[i]);
            pending[i] = null;
        }
        forwarded.add((long) targets.length * n);
    }

    /** Counts, records and rewrites a packet; false when it was a duplicate, which is released. */
    private boolean accept(PacketBuffer packet) {
        byte[] b = packet.array();
        int off = packet.offset();
        int len = packet.length();
        HeaderExtensions.remapIds(b, off, len, extensionIdMap);
        // After the remap, so that retransmissions from the cache carry the canonical ids too.
        if (recovery != null && !recovery.onPacket(packet, packet.receivedAtNanos())) {
            packet.release(); // a duplicate (a retransmission of something that arrived after all)
            return false;
        }
        statistics.onPacket(RtpPacket.sequenceNumber(b, off), RtpPacket.timestamp(b, off), packet.receivedAtNanos());
        int header = RtpPacket.headerLength(b, off, len);
        octets += len - header;
        if (codec == Codec.VP8 && header > 0) {
            noteKeyframeSize(b, off + header, len - header);
        } else if (kind == MediaKind.AUDIO) {
            noteAudioLevel(b, off, len);
        }
        return true;
    }

    private void noteKeyframeSize(byte[] b, int payloadOff, int payloadLen) {
        int width = Vp8PayloadDescriptor.keyframeWidth(b, payloadOff, payloadLen);
        if (width > 0) {
            frameWidth = width;
            frameHeight = Vp8PayloadDescriptor.keyframeHeight(b, payloadOff, payloadLen);
        }
    }

    /**
     * Forwards a valid packet of this stream's RTX stream (RFC 4588): the repaired original is restored in place and
     * handled like any other packet, so it fills its gap once and only once. Padding-only probes are dropped.
     */
    public void onRtx(PacketBuffer packet) {
        byte[] b = packet.array();
        int at = RtxPacket.unwrap(b, packet.offset(), packet.length(), ssrc, codec.payloadType());
        if (at < 0 || recovery == null) {
            packet.release();
            return;
        }
        packet.setRange(at, packet.length() - RtxPacket.OSN_SIZE);
        onRtp(packet);
    }

    /** Copies the cached packet with this 16-bit sequence number into {@code dst}; false when not cached. */
    public boolean copyCached(int seq, long nowNanos, PacketBuffer dst) {
        return recovery != null && recovery.copyCached(seq, nowNanos, dst);
    }

    /** The stream's loss recovery state (null for audio), for counters. */
    public UpstreamRecovery recovery() {
        return recovery;
    }

    /** RFC 6464 §3: the first byte's low 7 bits are the level in -dBov (the V bit is not used). */
    private void noteAudioLevel(byte[] b, int off, int len) {
        int at = HeaderExtensions.find(b, off, len, AUDIO_LEVEL_ID);
        if (at >= 0) {
            audioLevels += (1L << 32) + (127 - (b[at] & 0x7F));
        }
    }

    /**
     * The audio levels received so far, packed as {@code packets << 32 + sum of (127 - level)}; subtract two readings
     * for an interval's packet count ({@code >>> 32}) and loudness sum ({@code & 0xFFFFFFFFL}).
     */
    public long audioLevels() {
        return audioLevels;
    }

    /** Passes a sender report (the 28-byte SR without report blocks) on to every subscriber, translated. */
    public void onSenderReport(byte[] b, int off, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {
        statistics.onSenderReport(ntpTimestamp, arrivalNanos);
        for (OutboundStream target : subscribers) {
            target.sendSenderReport(this, b, off, rtpTimestamp);
        }
    }

    /** Asks the publisher for a keyframe, at most once per interval however many subscribers ask. */
    public void requestKeyframe(long nowNanos) {
        if (kind == MediaKind.VIDEO && keyframeLimiter.tryRequest(nowNanos)) {
            keyframeSource.requestKeyframe(this);
        }
    }

    /** Learns the SSRC of a stream whose SDP did not signal one. */
    public void learnSsrc(int learned) {
        ssrc = learned;
    }

    public synchronized void addSubscriber(OutboundStream target) {
        OutboundStream[] current = subscribers;
        for (OutboundStream s : current) {
            if (s == target) {
                return;
            }
        }
        OutboundStream[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = target;
        subscribers = next;
    }

    public synchronized void removeSubscriber(OutboundStream target) {
        OutboundStream[] current = subscribers;
        int n = 0;
        OutboundStream[] next = new OutboundStream[current.length];
        for (OutboundStream s : current) {
            if (s != target) {
                next[n++] = s;
            }
        }
        subscribers = n == current.length ? current : Arrays.copyOf(next, n);
    }

    /** Detaches every subscriber (the publisher left or republished) and frees the packet cache. */
    public synchronized void clearSubscribers() {
        for (OutboundStream s : subscribers) {
            s.detach(this);
        }
        subscribers = NONE;
        if (recovery != null) {
            recovery.close();
        }
    }

    public int subscriberCount() {
        return subscribers.length;
    }
}
