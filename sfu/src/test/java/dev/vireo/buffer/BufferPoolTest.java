package dev.vireo.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
    @Test
    void releasedBuffersAreReusedAndComeBackEmpty() {
        BufferPool pool = new BufferPool(4);
        PacketBuffer a = pool.take();
        a.copyFrom(new byte[] {1, 2, 3}, 0, 3);
        a.release();
        PacketBuffer b = pool.take();
        assertSame(a, b);
        assertEquals(0, b.length());
        assertEquals(PacketBuffer.HEADROOM, b.offset());
        assertEquals(1, pool.created());
    }

    @Test
    void everyBufferKeepsTailroomForTheSrtpTag() {
        PacketBuffer p = PacketBuffer.unpooled();
        p.copyFrom(new byte[PacketBuffer.MAX_PACKET], 0, PacketBuffer.MAX_PACKET);
        assertTrue(p.tailroom() >= 20, "room for a 16-byte tag and a 4-byte SRTCP index");
        assertThrows(IllegalArgumentException.class, () -> p.copyFrom(new byte[1501], 0, 1501));
        assertThrows(IllegalArgumentException.class, () -> p.setRange(PacketBuffer.HEADROOM, PacketBuffer.CAPACITY));
    }

    @Test
    void aFullPoolLetsExtraBuffersGoAndAnEmptyOneMakesNew() {
        BufferPool pool = new BufferPool(2);
        PacketBuffer[] taken = new PacketBuffer[5];
        for (int i = 0; i < taken.length; i++) {
            taken[i] = pool.take();
        }
        assertEquals(5, pool.created());
        for (PacketBuffer p : taken) {
            p.release();
        }
        for (int i = 0; i < 5; i++) {
            pool.take();
        }
        assertEquals(5 + 3, pool.created(), "capacity 2 kept two of the five; three had to be made again");
    }

    @Test
    void concurrentTakeAndReleaseNeverHandsOneBufferToTwoOwners() throws Exception {
        BufferPool pool = new BufferPool(64);
        ConcurrentHashMap<PacketBuffer, Boolean> inUse = new ConcurrentHashMap<>();
        AtomicInteger violations = new AtomicInteger();
        int threads = 4;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    PacketBuffer p = pool.take();
                    if (inUse.putIfAbsent(p, Boolean.TRUE) != null) {
                        violations.incrementAndGet();
                    }
                    inUse.remove(p);
                    p.release();
                }
                done.countDown();
            }).start();
        }
        done.await();
        assertEquals(0, violations.get());
        assertTrue(pool.created() <= 64 + threads, "steady state reuses buffers; made " + pool.created());
    }
}
