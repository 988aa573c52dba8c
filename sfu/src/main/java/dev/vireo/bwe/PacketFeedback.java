package dev.vireo.bwe;

/**
 * The packets one transport-cc feedback message reported, in sequence order, joined with what the send history
 * knew about them: send time, size, probe cluster, and arrival time on the receiver's clock (or
 * {@link #NOT_RECEIVED}). A reusable batch of parallel arrays, so feeding the estimator allocates nothing.
 */
public final class PacketFeedback {
    public static final long NOT_RECEIVED = Long.MIN_VALUE;

    final long[] sendNanos;
    final long[] arrivalMicros;
    final int[] sizes;
    final int[] clusters;
    int count;

    public PacketFeedback(int capacity) {
        sendNanos = new long[capacity];
        arrivalMicros = new long[capacity];
        sizes = new int[capacity];
        clusters = new int[capacity];
    }

    public void clear() {
        count = 0;
    }

    /** Adds one packet; ignored when the batch is full. */
    public void add(long sendTimeNanos, long arrivalTimeMicros, int size, int cluster) {
        if (count == sendNanos.length) {
            return;
        }
        sendNanos[count] = sendTimeNanos;
        arrivalMicros[count] = arrivalTimeMicros;
        sizes[count] = size;
        clusters[count] = cluster;
        count++;
    }

    public int count() {
        return count;
    }
}
