package dev.vireo.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.buffer.PacketBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MediaWorkersTest {
    private static final long MS = 1_000_000L;

    @Test
    void packetsOfOneLaneArriveInOrderOnOneThread() throws Exception {
        try (MediaWorkers workers = new MediaWorkers("test", 2, 1024, 100 * MS)) {
            MediaWorkers.Lane lane = workers.assign();
            List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(500);
            MediaWorkers.Task task = p -> {
                seen.add(p.receivedAtNanos());
                threads.add(Thread.currentThread());
                p.release();
                done.countDown();
            };
            for (int i = 0; i < 500; i++) {
                PacketBuffer p = PacketBuffer.unpooled();
                p.receivedAtNanos(i);
                assertTrue(lane.offer(task, p));
            }
            assertTrue(done.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 500; i++) {
                assertEquals(i, seen.get(i));
            }
            assertEquals(1, threads.stream().distinct().count(), "one worker per lane");
            assertTrue(threads.get(0).getName().startsWith("test-"));
        }
    }

    /** The hand-off sits on the forward path of every packet: it must allocate nothing, on either side. */
    @Test
    void handOffAllocatesNothingPerPacket() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        dev.vireo.buffer.BufferPool pool = new dev.vireo.buffer.BufferPool(4096);
        try (MediaWorkers workers = new MediaWorkers("alloc", 1, 1024, 100 * MS)) {
            MediaWorkers.Lane lane = workers.assign();
            long[] workerThread = new long[1];
            java.util.concurrent.atomic.AtomicLong processed = new java.util.concurrent.atomic.AtomicLong();
            MediaWorkers.Task task = p -> {
                workerThread[0] = Thread.currentThread().getId();
                p.release();
                processed.incrementAndGet();
            };
            int warmup = 50_000;
            int measured = 100_000;
            offerAll(lane, task, pool, warmup, processed);
            long producerBefore = threads.getCurrentThreadAllocatedBytes();
            long workerBefore = threads.getThreadAllocatedBytes(workerThread[0]);
            offerAll(lane, task, pool, measured, processed);
            long producer = threads.getCurrentThreadAllocatedBytes() - producerBefore;
            long worker = threads.getThreadAllocatedBytes(workerThread[0]) - workerBefore;
            System.out.printf("lane hand-off: producer %d B, worker %d B over %d packets%n", producer, worker,
                    measured);
            assertTrue(producer / (double) measured < 0.1, producer + " bytes on the producer side");
            assertTrue(worker / (double) measured < 0.1, worker + " bytes on the worker side");
        }
    }

    /** Offers {@code n} packets, retrying when the lane is full, and waits until all were processed. */
    private static void offerAll(MediaWorkers.Lane lane, MediaWorkers.Task task, dev.vireo.buffer.BufferPool pool,
                                 int n, java.util.concurrent.atomic.AtomicLong processed) throws InterruptedException {
        long target = processed.get() + n;
        for (int i = 0; i < n; i++) {
            PacketBuffer p = pool.take();
            while (!lane.offer(task, p)) {
                Thread.onSpinWait();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (processed.get() < target) {
            assertTrue(System.nanoTime() < deadline, "worker did not keep up");
            Thread.sleep(1);
        }
    }

    @Test
    void lanesAreAssignedRoundRobin() {
        try (MediaWorkers workers = new MediaWorkers("test", 3, 16, 100 * MS)) {
            MediaWorkers.Lane a = workers.assign();
            MediaWorkers.Lane b = workers.assign();
            MediaWorkers.Lane c = workers.assign();
            assertFalse(a == b || b == c || a == c);
            assertTrue(workers.assign() == a);
        }
    }

    @Test
    void aFullLaneRefusesInsteadOfQueueingMore() throws Exception {
        try (MediaWorkers workers = new MediaWorkers("test", 1, 4, 100 * MS)) {
            MediaWorkers.Lane lane = workers.assign();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            MediaWorkers.Task blocking = p -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            assertTrue(lane.offer(blocking, PacketBuffer.unpooled()));
            assertTrue(started.await(5, TimeUnit.SECONDS)); // the worker holds packet 1; the lane is empty again
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                if (lane.offer(p -> { }, PacketBuffer.unpooled())) {
                    accepted++;
                }
            }
            assertEquals(4, accepted, "capacity 4");
            assertEquals(4, workers.queued());
            release.countDown();
        }
    }

    /** A run of packets for one task that waited back to back ends with one endOfBatch, before another task's. */
    @Test
    void aRunOfWaitingPacketsEndsWithOneEndOfBatch() throws Exception {
        try (MediaWorkers workers = new MediaWorkers("test", 1, 64, 1000 * MS)) {
            MediaWorkers.Lane lane = workers.assign();
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            MediaWorkers.Task a = new RecordingTask("a", events, () -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            MediaWorkers.Task b = new RecordingTask("b", events, () -> { });
            MediaWorkers.Task last = new RecordingTask("c", events, done::countDown);
            assertTrue(lane.offer(a, PacketBuffer.unpooled()));
            assertTrue(started.await(5, TimeUnit.SECONDS)); // the worker is inside a's first packet
            for (int i = 0; i < 3; i++) {
                assertTrue(lane.offer(a, PacketBuffer.unpooled()));
            }
            assertTrue(lane.offer(b, PacketBuffer.unpooled()));
            assertTrue(lane.offer(b, PacketBuffer.unpooled()));
            for (int i = 0; i < MediaWorkers.MAX_BATCH + 1; i++) {
                assertTrue(lane.offer(a, PacketBuffer.unpooled()));
            }
            assertTrue(lane.offer(last, PacketBuffer.unpooled()));
            release.countDown();
            assertTrue(done.await(5, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!events.contains("c end") && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            List<String> expected = new ArrayList<>(Collections.nCopies(4, "a"));
            expected.add("a end");
            expected.addAll(List.of("b", "b", "b end"));
            expected.addAll(Collections.nCopies(MediaWorkers.MAX_BATCH, "a"));
            expected.addAll(List.of("a end", "a", "a end", "c", "c end"));
            assertEquals(expected, events);
        }
    }

    private record RecordingTask(String name, List<String> events, Runnable onPacket) implements MediaWorkers.Task {
        @Override
        public void process(PacketBuffer packet) {
            events.add(name);
            onPacket.run();
            packet.release();
        }

        @Override
        public void endOfBatch() {
            events.add(name + " end");
        }
    }

    /** Each lane judges its packets' queue delay with a rule of its own, set up from the workers' settings. */
    @Test
    void eachLaneDropsRtpPastTheLimit() {
        try (MediaWorkers workers = new MediaWorkers("test", 2, 16, 100 * MS)) {
            MediaWorkers.Lane a = workers.assign();
            MediaWorkers.Lane b = workers.assign();
            assertFalse(a.dropLateRtp(0, 100 * MS));
            assertTrue(a.dropLateRtp(0, 100 * MS + 1));
            assertFalse(b.dropLateRtp(5 * MS, 104 * MS));
        }
    }

    /** One worker, named {@code name}-0, that lets producers run idle lanes' packets. */
    private static MediaWorkers inlineWorkers(String name) {
        return new MediaWorkers(name, 1, 64, 1000 * MS, 50 * MS, 1000 * MS, true);
    }

    /** Waits until the worker {@code name}-0 has gone to sleep: it parks once it has found its lane empty. */
    private static void awaitIdle(String name) throws InterruptedException {
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name + "-0")).findFirst().orElseThrow();
        for (int i = 0; i < 500 && worker.getState() != Thread.State.WAITING; i++) {
            Thread.sleep(2);
        }
        assertEquals(Thread.State.WAITING, worker.getState(), "the worker went to sleep");
    }

    /** With one worker, an idle lane's packet runs on the thread that offers it, endOfBatch included. */
    @Test
    void anIdleLaneRunsItsPacketOnTheOfferingThread() throws Exception {
        try (MediaWorkers workers = inlineWorkers("idle-lane")) {
            MediaWorkers.Lane lane = workers.assign();
            awaitIdle("idle-lane");
            List<String> events = new ArrayList<>();
            List<Thread> ranOn = new ArrayList<>();
            assertTrue(lane.offer(new RecordingTask("p", events, () -> ranOn.add(Thread.currentThread())),
                    PacketBuffer.unpooled()));
            assertEquals(List.of("p", "p end"), events, "ran and ended its batch before offer returned");
            assertEquals(List.of(Thread.currentThread()), ranOn);
        }
    }

    /**
     * What arrives while a producer runs a packet inline is queued, and the worker takes it only afterwards: a lane's
     * tasks never run on two threads at once, and stay in order.
     */
    @Test
    void packetsOfferedDuringAnInlineRunWaitForIt() throws Exception {
        try (MediaWorkers workers = inlineWorkers("during-inline")) {
            MediaWorkers.Lane lane = workers.assign();
            awaitIdle("during-inline");
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();
            CountDownLatch inlineStarted = new CountDownLatch(1);
            CountDownLatch others = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(3);
            MediaWorkers.Task task = p -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                events.add(p.receivedAtNanos() + "@" + (Thread.currentThread().getName().startsWith("during-inline-")
                        ? "worker" : "producer"));
                if (p.receivedAtNanos() == 0) {
                    inlineStarted.countDown();
                    try {
                        assertTrue(others.await(5, TimeUnit.SECONDS));
                        Thread.sleep(20); // the worker, woken or not, must still wait for this run to end
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                running.decrementAndGet();
                p.release();
                done.countDown();
            };
            Thread first = new Thread(() -> lane.offer(task, stamped(0)), "producer-1");
            first.start();
            assertTrue(inlineStarted.await(5, TimeUnit.SECONDS));
            assertTrue(lane.offer(task, stamped(1)));
            assertTrue(lane.offer(task, stamped(2)));
            others.countDown();
            assertTrue(done.await(5, TimeUnit.SECONDS));
            first.join();
            assertEquals(List.of("0@producer", "1@worker", "2@worker"), events);
            assertEquals(0, overlaps.get(), "never two tasks of the lane at once");
        }
    }

    /**
     * A producer that used up its share of the window hands packets to the worker until the window ends. The window is
     * real time (100 ms); an attempt in which this thread stalled past it proves nothing and is repeated.
     */
    @Test
    void aProducerOverItsBudgetWakesTheWorkerInstead() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (MediaWorkers workers = inlineWorkers("over-budget")) {
                MediaWorkers.Lane lane = workers.assign();
                awaitIdle("over-budget");
                List<String> threads = Collections.synchronizedList(new ArrayList<>());
                CountDownLatch second = new CountDownLatch(1);
                MediaWorkers.Task task = p -> {
                    threads.add(Thread.currentThread().getName());
                    if (p.receivedAtNanos() == 0) {
                        // longer than the window's share: 25 of 100 ms
                        LockSupportSleep.nanos((long) (MediaWorkers.INLINE_SHARE * MediaWorkers.INLINE_WINDOW_NANOS)
                                + MS);
                    } else {
                        second.countDown();
                    }
                    p.release();
                };
                long windowOpened = System.nanoTime();
                assertTrue(lane.offer(task, stamped(0)));
                assertTrue(lane.offer(task, stamped(1)));
                boolean insideTheWindow = System.nanoTime() - windowOpened < MediaWorkers.INLINE_WINDOW_NANOS;
                assertTrue(second.await(5, TimeUnit.SECONDS));
                assertEquals(Thread.currentThread().getName(), threads.get(0), "the first ran inline");
                if (insideTheWindow) {
                    assertTrue(threads.get(1).startsWith("over-budget-"), "the second went to the worker: " + threads);
                    return;
                }
                assertTrue(attempt < 5, "this thread stalled past the 100 ms window in 5 attempts");
            }
        }
    }

    private static PacketBuffer stamped(long n) {
        PacketBuffer p = PacketBuffer.unpooled();
        p.receivedAtNanos(n);
        return p;
    }

    /** Sleeps at least {@code nanos}, however often the sleep is cut short. */
    private static final class LockSupportSleep {
        static void nanos(long nanos) {
            long end = System.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = end - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MediaWorkers("x", 0, 16, MS));
        assertThrows(IllegalArgumentException.class, () -> new MediaWorkers("x", 1, 12, MS));
        assertThrows(IllegalArgumentException.class, () -> new MediaWorkers("x", 1, 16, 0));
        assertThrows(IllegalArgumentException.class, () -> new MediaWorkers("x", 1, 16, MS, 2 * MS, MS));
    }
}
