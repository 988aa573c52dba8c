package dev.vireo.sfu.recovery;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;

/**
 * The last second or so of one publisher stream's packets, so that a subscriber's NACK can be answered from the SFU
 * instead of asking the publisher (whose copy is one more round trip away, and whose uplink every subscriber shares).
 *
 * <p>A ring indexed by the extended sequence number: storing a packet copies it into a pooled buffer (the forwarded
 * buffer itself moves on to a subscriber) and gives the slot's previous occupant back to the pool, so the steady
 * state allocates nothing. Entries older than {@code maxAgeNanos} count as gone; the ring is sized so that a
 * 720p layer (~300 packets/s) stays well within it for that long.
 *
 * <p>One writer (the publisher's receive thread) and readers on every subscriber's RTCP thread: the methods are
 * synchronized, and each holds the lock for one copy of at most one packet.
 */
public final class PacketCache implements AutoCloseable {
    private final BufferPool pool;
    private final long maxAgeNanos;
    private final int mask;
    private final PacketBuffer[] packets;
    private final long[] sequences;
    private final long[] storedAt;

    /** @param capacity slots, rounded up to a power of two */
    public PacketCache(BufferPool pool, int capacity, long maxAgeNanos) {
        int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        this.pool = pool;
        this.maxAgeNanos = maxAgeNanos;
        this.mask = size - 1;
        this.packets = new PacketBuffer[size];
        this.sequences = new long[size];
        this.storedAt = new long[size];
        java.util.Arrays.fill(sequences, Long.MIN_VALUE);
    }

    /** True when the packet with this extended sequence number is held (and not expired): a duplicate. */
    public synchronized boolean contains(long extendedSeq, long nowNanos) {
        int i = (int) extendedSeq & mask;
        return sequences[i] == extendedSeq && nowNanos - storedAt[i] <= maxAgeNanos;
    }

    /** Keeps a copy of {@code packet} under its extended sequence number. */
    public synchronized void store(PacketBuffer packet, long extendedSeq, long nowNanos) {
        int i = (int) extendedSeq & mask;
        PacketBuffer slot = packets[i];
        if (slot == null) {
            slot = pool.take();
            packets[i] = slot;
        }
        packet.copyTo(slot);
        sequences[i] = extendedSeq;
        storedAt[i] = nowNanos;
    }

    /**
     * Copies the cached packet whose 16-bit sequence number is {@code seq} into {@code dst} (same offset and
     * length as when stored).
     *
     * @return false when it is not cached or older than the maximum age
     */
    public synchronized boolean copy(int seq, long nowNanos, PacketBuffer dst) {
        int i = seq & 0xFFFF & mask;
        PacketBuffer slot = packets[i];
        if (slot == null || (sequences[i] & 0xFFFF) != (seq & 0xFFFF) || nowNanos - storedAt[i] > maxAgeNanos) {
            return false;
        }
        slot.copyTo(dst);
        return true;
    }

    /** Gives every cached buffer back to the pool. */
    @Override
    public synchronized void close() {
        for (int i = 0; i < packets.length; i++) {
            if (packets[i] != null) {
                packets[i].release();
                packets[i] = null;
            }
            sequences[i] = Long.MIN_VALUE;
        }
    }
}
