package dev.vireo.buffer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, lock-free pool of {@link PacketBuffer}s shared by every thread on the packet path.
 *
 * <p>The free list is a fixed ring in the style of Dmitry Vyukov's bounded MPMC queue: each slot carries a sequence
 * number that says whether it is ready to be taken or filled, so taking and giving allocate nothing and take no lock.
 * When the pool is empty a new buffer is made (and counted); when it is full a returned buffer is left to the GC.
 */
public final class BufferPool {
    private final int mask;
    private final AtomicReferenceArray<PacketBuffer> slots;
    private final AtomicLongArray sequences;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong created = new AtomicLong();

    /** @param capacity how many free buffers to keep; rounded up to a power of two */
    public BufferPool(int capacity) {
        int size = capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1;
        mask = size - 1;
        slots = new AtomicReferenceArray<>(size);
        sequences = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            sequences.set(i, i);
        }
    }

    /** A buffer with an empty window at the standard headroom. */
    public PacketBuffer take() {
        long pos = head.get();
        while (true) {
            int index = (int) (pos & mask);
            long seq = sequences.get(index);
            long diff = seq - (pos + 1);
            if (diff == 0) {
                if (head.compareAndSet(pos, pos + 1)) {
                    PacketBuffer buffer = slots.getAndSet(index, null);
                    sequences.set(index, pos + mask + 1);
                    return buffer.reset();
                }
                pos = head.get();
            } else if (diff < 0) {
                created.incrementAndGet();
                return new PacketBuffer(this);
            } else {
                pos = head.get();
            }
        }
    }

    void give(PacketBuffer buffer) {
        long pos = tail.get();
        while (true) {
            int index = (int) (pos & mask);
            long seq = sequences.get(index);
            long diff = seq - pos;
            if (diff == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    slots.set(index, buffer);
                    sequences.set(index, pos + 1);
                    return;
                }
                pos = tail.get();
            } else if (diff < 0) {
                return; // full: let this one go
            } else {
                pos = tail.get();
            }
        }
    }

    /** How many buffers this pool has had to allocate since it was made. */
    public long created() {
        return created.get();
    }
}
