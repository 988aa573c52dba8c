package dev.vireo.bench.media;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One synthetic RTP stream of a load publisher. The {@link PacedSender} calls {@link #emit} when {@link #dueNanos()}
 * has come; the source writes the packets of one frame (RTP header, codec payload, send stamp at the end) into pooled
 * buffers and hands them to its sink. Only the sender thread touches the sequence state.
 */
public abstract class RtpSource {
    protected static final int RTP_HEADER = 12;

    private final MediaSink sink;
    private final BufferPool pool;
    private final long ssrc;
    private final int payloadType;
    private int sequence = ThreadLocalRandom.current().nextInt(0x10000);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFF_FFFFL;
    private long dueNanos;
    private volatile int payloadTypeOverride = -1;
    private volatile long packetsSent;

    protected RtpSource(MediaSink sink, BufferPool pool, long ssrc, int payloadType) {
        this.sink = sink;
        this.pool = pool;
        this.ssrc = ssrc;
        this.payloadType = payloadType;
    }

    public long ssrc() { return ssrc; }
    public long dueNanos() { return dueNanos; }
    public long packetsSent() { return packetsSent; }

    /** Sets the first send time; sources of one sender are staggered so their frames do not all coincide. */
    public void start(long firstDueNanos) {
        dueNanos = firstDueNanos;
    }

    /** Uses the payload type the server's answer chose instead of the offered one. */
    public void payloadType(int pt) {
        payloadTypeOverride = pt;
    }

    /** Sends what is due at {@code nowNanos} and advances {@link #dueNanos()}. */
    public abstract void emit(long nowNanos);

    /** A receiver asked for a key frame (PLI or FIR); sources without key frames ignore it. */
    public void requestKeyframe() {
    }

    protected final void advance(long periodNanos, long rtpTicks) {
        dueNanos += periodNanos;
        timestamp = (timestamp + rtpTicks) & 0xFFFF_FFFFL;
    }

    /**
     * Takes a buffer, writes the 12-byte RTP header (RFC 3550 §5.1) and returns it with the window set to
     * {@code size} bytes; the caller fills the payload from {@link #RTP_HEADER} and calls {@link #send}.
     */
    protected final PacketBuffer packet(int size, boolean marker) {
        PacketBuffer p = pool.take();
        p.setRange(PacketBuffer.HEADROOM, size);
        byte[] b = p.array();
        int o = p.offset();
        int pt = payloadTypeOverride >= 0 ? payloadTypeOverride : payloadType;
        b[o] = (byte) 0x80;
        b[o + 1] = (byte) ((marker ? 0x80 : 0) | pt);
        b[o + 2] = (byte) (sequence >> 8);
        b[o + 3] = (byte) sequence;
        b[o + 4] = (byte) (timestamp >> 24);
        b[o + 5] = (byte) (timestamp >> 16);
        b[o + 6] = (byte) (timestamp >> 8);
        b[o + 7] = (byte) timestamp;
        b[o + 8] = (byte) (ssrc >> 24);
        b[o + 9] = (byte) (ssrc >> 16);
        b[o + 10] = (byte) (ssrc >> 8);
        b[o + 11] = (byte) ssrc;
        sequence = (sequence + 1) & 0xFFFF;
        return p;
    }

    /** Stamps the send time into the payload's last bytes and sends. */
    protected final void send(PacketBuffer p) {
        SendTimestamp.write(p.array(), p.offset() + p.length(), System.nanoTime());
        packetsSent = packetsSent + 1;
        sink.sendRtp(p);
    }
}
