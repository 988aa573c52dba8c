package dev.vireo.sfu.forward;

import dev.vireo.rtp.Wraparound;

/**
 * Maps the sequence numbers and timestamps of whichever source currently feeds an outgoing stream onto one continuous
 * outgoing numbering, so that a subscriber sees a single stream even when the source changes (a publisher rejoining
 * with new SSRCs, later a simulcast layer switch).
 *
 * <p>Everything is kept as 64-bit extended values (widened on the way in, cut back to 16/32 bits on the way out), so
 * wraparound never needs special cases. A pure class: the caller passes the time; one thread at a time uses it.
 *
 * <p>On a source switch the first packet of the new source continues at last sequence number + 1 and at the last
 * timestamp plus the wall time elapsed since the last packet went out (at least one tick), which keeps the
 * receiver's jitter buffer and lip-sync arithmetic sane. Packets of the new source older than its first forwarded
 * packet are dropped: they would reuse outgoing sequence numbers already spent on the previous source.
 */
public final class RtpRewriter {
    private static final long SEQ_MOD = 1L << 16;
    private static final long TS_MOD = 1L << 32;

    private final int clockRate;
    private boolean started;
    private boolean hasSource;
    private int sourceSsrc;
    private long sourceFirstSeq;
    private long lastSourceSeq;
    private long lastSourceTs;
    private long seqOffset;
    private long tsOffset;
    private long highestOutSeq;
    private long highestOutTs;
    private long lastOutNanos;

    private int outSeq;
    private long outTs;

    /**
     * @param clockRate  RTP clock rate of the stream (90000 for video, 48000 for Opus)
     * @param initialSeq first outgoing sequence number (random per RFC 3550 §5.1)
     * @param initialTs  first outgoing timestamp (random per RFC 3550 §5.1)
     */
    public RtpRewriter(int clockRate, int initialSeq, long initialTs) {
        this.clockRate = clockRate;
        this.highestOutSeq = (initialSeq & 0xFFFF) - 1L;
        this.highestOutTs = initialTs & 0xFFFFFFFFL;
    }

    /** Forgets the current source: the next packet, from whatever SSRC, is treated as a switch. */
    public void detachSource() {
        hasSource = false;
    }

    /**
     * Computes the outgoing numbers for one packet; read them with {@link #outSequenceNumber()} and
     * {@link #outTimestamp()}.
     *
     * @return false when the packet must be dropped (older than the current source's first forwarded packet)
     */
    public boolean rewrite(int ssrc, int seq, long timestamp, long nowNanos) {
        if (!hasSource || ssrc != sourceSsrc) {
            switchTo(ssrc, seq, timestamp, nowNanos);
        }
        long extSeq = Wraparound.widen(seq & 0xFFFF, lastSourceSeq, SEQ_MOD);
        long extTs = Wraparound.widen(timestamp & 0xFFFFFFFFL, lastSourceTs, TS_MOD);
        if (extSeq < sourceFirstSeq) {
            return false;
        }
        if (extSeq > lastSourceSeq) {
            lastSourceSeq = extSeq;
            lastSourceTs = extTs;
        }
        long out = extSeq + seqOffset;
        long outTimestamp = extTs + tsOffset;
        if (out > highestOutSeq) {
            highestOutSeq = out;
            highestOutTs = outTimestamp;
            lastOutNanos = nowNanos;
        }
        outSeq = (int) (out & 0xFFFF);
        outTs = outTimestamp & 0xFFFFFFFFL;
        return true;
    }

    /**
     * A packet of the current source is left out on purpose (temporal thinning): later packets move down by one so
     * the subscriber sees no gap to NACK. A packet of another source, or one older than the newest seen, changes
     * nothing.
     */
    public void skip(int ssrc, int seq) {
        if (!hasSource || ssrc != sourceSsrc) {
            return;
        }
        long extSeq = Wraparound.widen(seq & 0xFFFF, lastSourceSeq, SEQ_MOD);
        if (extSeq > lastSourceSeq) {
            lastSourceSeq = extSeq;
            seqOffset--;
        }
    }

    private void switchTo(int ssrc, int seq, long timestamp, long nowNanos) {
        long extSeq = seq & 0xFFFF;
        long extTs = timestamp & 0xFFFFFFFFL;
        long tsAdvance = 1;
        if (started) {
            long elapsedTicks = (nowNanos - lastOutNanos) * clockRate / 1_000_000_000L;
            tsAdvance = Math.max(1, elapsedTicks);
        } else {
            tsAdvance = 0;
        }
        seqOffset = highestOutSeq + 1 - extSeq;
        tsOffset = highestOutTs + tsAdvance - extTs;
        sourceSsrc = ssrc;
        sourceFirstSeq = extSeq;
        lastSourceSeq = extSeq;
        lastSourceTs = extTs;
        hasSource = true;
        started = true;
    }

    /** The outgoing timestamp for a source timestamp (for sender reports); valid once a source is attached. */
    public long mapTimestamp(long sourceTimestamp) {
        return (Wraparound.widen(sourceTimestamp & 0xFFFFFFFFL, lastSourceTs, TS_MOD) + tsOffset) & 0xFFFFFFFFL;
    }

    public boolean hasSource() { return hasSource; }
    public int outSequenceNumber() { return outSeq; }
    public long outTimestamp() { return outTs; }
}
