package dev.vireo.bench.media;

import dev.vireo.buffer.PacketBuffer;

import java.util.Arrays;

/**
 * What one load subscriber receives, already SRTP-verified and decrypted by its transport: packets and bytes per
 * stream, loss by sequence number, the SFU-added delay from the publisher's embedded send stamp, and the time from
 * the signaling join to the first media packet.
 */
public final class Receiver {
    private final ReceiveMetrics metrics;
    private volatile StreamCounter[] streams = new StreamCounter[0];
    private volatile long joinStartNanos;
    private volatile long firstMediaNanos;

    public Receiver(ReceiveMetrics metrics) {
        this.metrics = metrics;
    }

    /** Marks the moment the client sent its signaling join. */
    public void joinStarted(long nanos) {
        joinStartNanos = nanos;
    }

    /** Join to first media packet in nanoseconds, or -1 when nothing arrived yet. */
    public long joinNanos() {
        long first = firstMediaNanos;
        return first == 0 || joinStartNanos == 0 ? -1 : first - joinStartNanos;
    }

    /** One decrypted RTP packet; the caller keeps ownership of the buffer. */
    public void onRtp(PacketBuffer p) {
        long now = System.nanoTime();
        byte[] b = p.array();
        int o = p.offset();
        int len = p.length();
        if (len < 12 + SendTimestamp.SIZE) {
            return;
        }
        if (firstMediaNanos == 0) {
            firstMediaNanos = now;
        }
        long ssrc = ((b[o + 8] & 0xFFL) << 24) | ((b[o + 9] & 0xFF) << 16) | ((b[o + 10] & 0xFF) << 8)
                | (b[o + 11] & 0xFF);
        int seq = ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
        counter(ssrc).onPacket(seq, len);
        metrics.record(len, now - SendTimestamp.read(b, o + len));
    }

    private StreamCounter counter(long ssrc) {
        StreamCounter[] s = streams;
        for (StreamCounter c : s) {
            if (c.ssrc == ssrc) {
                return c;
            }
        }
        StreamCounter c = new StreamCounter(ssrc);
        StreamCounter[] grown = Arrays.copyOf(s, s.length + 1);
        grown[s.length] = c;
        streams = grown;
        return c;
    }

    /** Adds this receiver's totals so far into {@code into}: {expected, received, bytes}. */
    public void addTotals(long[] into) {
        for (StreamCounter c : streams) {
            into[0] += c.expected();
            into[1] += c.received();
            into[2] += c.bytes();
        }
    }
}
