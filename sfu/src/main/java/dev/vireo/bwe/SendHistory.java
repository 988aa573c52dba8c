package dev.vireo.bwe;

import dev.vireo.rtp.Wraparound;

/**
 * What went out on one transport, by transport-wide sequence number (extended to 64 bits): when, how big, and in
 * which probe cluster. Feedback names packets by their 16-bit numbers; {@link #find} widens them against the
 * newest entry. A ring of {@code capacity} entries; a pure class, the caller synchronizes.
 */
public final class SendHistory {
    private final int mask;
    private final long[] seqs;
    private final long[] sendNanos;
    private final int[] sizes;
    private final int[] clusters;
    private long newest = -1;

    /** @param capacity entries, rounded up to a power of two; a few seconds of sending at the highest rate */
    public SendHistory(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        mask = size - 1;
        seqs = new long[size];
        sendNanos = new long[size];
        sizes = new int[size];
        clusters = new int[size];
        java.util.Arrays.fill(seqs, -1);
    }

    /** The extended number the next packet gets; its low 16 bits go on the wire. */
    public long next() {
        return newest + 1;
    }

    /** Records the packet numbered {@link #next()}. @param cluster probe cluster id, or -1 for media */
    public void record(long sendTimeNanos, int size, int cluster) {
        long seq = ++newest;
        int i = (int) seq & mask;
        seqs[i] = seq;
        sendNanos[i] = sendTimeNanos;
        sizes[i] = size;
        clusters[i] = cluster;
    }

    /** The entry for the 16-bit number {@code seq}, or -1 when it is unknown or overwritten. */
    public int find(int seq) {
        if (newest < 0) {
            return -1;
        }
        long ext = Wraparound.widen(seq & 0xFFFF, newest, 0x10000);
        int i = (int) ext & mask;
        return ext >= 0 && seqs[i] == ext ? i : -1;
    }

    public long sequence(int entry) { return seqs[entry]; }
    public long sendNanos(int entry) { return sendNanos[entry]; }
    public int size(int entry) { return sizes[entry]; }
    public int cluster(int entry) { return clusters[entry]; }
}
