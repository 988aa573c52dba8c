package dev.vireo.sfu.recovery;

/**
 * What a subscriber's stream sent recently, by its own (rewritten) sequence number: which source stream and source
 * sequence number each packet came from, and the timestamp it went out with. A subscriber's NACK names the numbers
 * it saw; this maps them back to the publisher stream's packet cache, across source switches.
 *
 * <p>A ring of {@code capacity} entries indexed by the outgoing sequence number; an entry is valid only while its
 * stored number matches. It also rate-limits retransmissions of one packet, so a burst of repeated NACKs does not
 * send the same packet many times in one round trip. A pure class; the caller synchronizes.
 *
 * @param <S> the source stream type
 */
public final class SentPacketMap<S> {
    private final int mask;
    private final int[] outSeqs;
    private final int[] sourceSeqs;
    private final long[] outTimestamps;
    private final int[] outPictureIds;
    private final int[] outTl0PicIdxs;
    private final Object[] sources;
    private final long[] lastResent;

    /** @param capacity entries, rounded up to a power of two */
    public SentPacketMap(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        mask = size - 1;
        outSeqs = new int[size];
        sourceSeqs = new int[size];
        outTimestamps = new long[size];
        outPictureIds = new int[size];
        outTl0PicIdxs = new int[size];
        sources = new Object[size];
        lastResent = new long[size];
        java.util.Arrays.fill(outSeqs, -1);
    }

    /** Records a packet sent as {@code outSeq} with {@code outTimestamp}, taken from {@code source}'s {@code sourceSeq}. */
    public void record(int outSeq, long outTimestamp, S source, int sourceSeq) {
        record(outSeq, outTimestamp, source, sourceSeq, -1, -1);
    }

    /**
     * Records a packet as above, with the VP8 picture ID and TL0PICIDX it went out with (-1: none), which a resend
     * must carry again: the subscriber's numbering differs from the publisher's after a layer switch.
     */
    public void record(int outSeq, long outTimestamp, S source, int sourceSeq, int outPictureId, int outTl0PicIdx) {
        int i = outSeq & mask;
        outPictureIds[i] = outPictureId;
        outTl0PicIdxs[i] = outTl0PicIdx;
        outSeqs[i] = outSeq & 0xFFFF;
        sourceSeqs[i] = sourceSeq & 0xFFFF;
        outTimestamps[i] = outTimestamp;
        sources[i] = source;
        lastResent[i] = Long.MIN_VALUE;
    }

    /**
     * The entry for {@code outSeq} if it may be resent now (none in the last {@code minIntervalNanos}), marking it
     * resent; -1 otherwise. Read it with {@link #source}, {@link #sourceSeq} and {@link #outTimestamp}.
     */
    public int claimRetransmission(int outSeq, long nowNanos, long minIntervalNanos) {
        int i = outSeq & mask;
        if (outSeqs[i] != (outSeq & 0xFFFF) || sources[i] == null) {
            return -1;
        }
        if (lastResent[i] != Long.MIN_VALUE && nowNanos - lastResent[i] < minIntervalNanos) {
            return -1;
        }
        lastResent[i] = nowNanos;
        return i;
    }

    @SuppressWarnings("unchecked")
    public S source(int entry) { return (S) sources[entry]; }
    public int sourceSeq(int entry) { return sourceSeqs[entry]; }
    public long outTimestamp(int entry) { return outTimestamps[entry]; }
    public int outPictureId(int entry) { return outPictureIds[entry]; }
    public int outTl0PicIdx(int entry) { return outTl0PicIdxs[entry]; }

    /** Forgets everything sent from {@code source} (it went away; its cache is closed). */
    public void forget(S source) {
        for (int i = 0; i < sources.length; i++) {
            if (sources[i] == source) {
                sources[i] = null;
                outSeqs[i] = -1;
            }
        }
    }
}
