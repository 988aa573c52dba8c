package dev.vireo.sfu.transport;

import dev.vireo.buffer.PacketBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that process received media: decrypt, and for a publisher's packets the whole fan-out.
 *
 * <p>The ICE endpoint's one receive thread only copies a datagram and queues it here, so it always keeps up with the
 * shared socket and STUN consent checks and DTLS records are never stuck behind media. Each transport is bound to one
 * lane for its life, so its packets stay in order and its SRTP receive state is only ever touched by one thread.
 *
 * <p>Overload: a lane's queue is bounded ({@code capacity} packets) and a full queue drops the new packet. The
 * transport also asks its lane's {@link QueueDelayRule} about every RTP packet it takes: RTP that waited longer than
 * {@link #maxQueueDelayNanos()} is dropped, and so is RTP older than {@link #DEFAULT_TARGET_DELAY_NANOS} once the
 * lane has held a standing queue for {@link #DEFAULT_INTERVAL_NANOS}. Past saturation the SFU thus forwards what it
 * can, a few tens of milliseconds late at most, instead of queueing up to the limit (or, before the lanes, seconds of
 * media in the socket buffer). Every drop is counted in {@link MediaTransport.Counters}.
 *
 * <p>With one worker (a one-core server, or an SFU pinned to one core) a hand-off buys no parallelism, only its cost:
 * a wake-up and a context switch per packet, tens of microseconds of CPU on a virtual machine and their latency on
 * every packet. Such workers let the producer run a packet itself when its lane is idle (nothing queued, the worker
 * asleep), within an {@link InlineBudget} of its time; a busy lane, or a producer over budget, queues as before.
 */
public final class MediaWorkers implements AutoCloseable {
    /** Processes one packet on a worker thread; owns the buffer. */
    interface Task {
        void process(PacketBuffer packet);

        /**
         * The worker took the last of a run of packets for this task that were waiting back to back (one packet when
         * nothing else was waiting): work held back for the run can be done now.
         */
        default void endOfBatch() {
        }
    }

    /** The producer may run idle lanes' packets itself for at most this share of every {@link #INLINE_WINDOW_NANOS}. */
    static final double INLINE_SHARE = 0.25;
    static final long INLINE_WINDOW_NANOS = 100_000_000L;

    /** At most this many packets of one task run between two {@link Task#endOfBatch()} calls. */
    static final int MAX_BATCH = 16;

    /** Packets a lane holds at most: about a second of a busy publisher's traffic, never more than ~3 MiB. */
    public static final int DEFAULT_CAPACITY = 2048;
    /**
     * RTP older than this when its turn comes is dropped. Long enough to ride out scheduling stalls: on the shared
     * 2-core test machine at load 40-60 a thread can wait hundreds of ms for a core, and a dropped key-frame packet
     * costs the receivers a key-frame round trip (100 and 250 ms made the browser late-joiner test miss its 1 s
     * first-frame budget); short enough that a saturated SFU never builds the multi-second backlog it used to.
     */
    public static final long DEFAULT_MAX_QUEUE_DELAY_NANOS = 1_000_000_000L;
    /**
     * What a standing queue is cut back to. Below saturation a lane is empty or holds one burst (a key frame: tens of
     * packets, a few ms of work), so this only acts on a worker that cannot keep up.
     */
    public static final long DEFAULT_TARGET_DELAY_NANOS = 50_000_000L;
    /**
     * How long the queue delay must stay above the target before the lane sheds: as long as the hard limit, so a
     * scheduling stall on a starved machine (hundreds of ms, see above) is ridden out exactly as before.
     */
    public static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;

    private final Lane[] lanes;
    private final long maxQueueDelayNanos;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * Lanes that shed a standing queue down to {@link #DEFAULT_TARGET_DELAY_NANOS} (or {@code maxQueueDelayNanos},
     * when smaller) after it stood for {@code maxQueueDelayNanos}.
     *
     * @param threads            worker threads, at least one
     * @param capacity           packets per lane, a power of two
     * @param maxQueueDelayNanos how long RTP may wait for its worker
     */
    public MediaWorkers(String name, int threads, int capacity, long maxQueueDelayNanos) {
        this(name, threads, capacity, maxQueueDelayNanos, Math.min(DEFAULT_TARGET_DELAY_NANOS, maxQueueDelayNanos),
                maxQueueDelayNanos);
    }

    /**
     * @param targetDelayNanos what a standing queue is cut back to (see {@link QueueDelayRule})
     * @param intervalNanos    how long a queue must stand before it is cut back
     */
    public MediaWorkers(String name, int threads, int capacity, long maxQueueDelayNanos, long targetDelayNanos,
                        long intervalNanos) {
        this(name, threads, capacity, maxQueueDelayNanos, targetDelayNanos, intervalNanos, false);
    }

    /**
     * @param inlineWhenIdle whether a producer runs a packet itself when its lane is idle (see the class comment)
     */
    public MediaWorkers(String name, int threads, int capacity, long maxQueueDelayNanos, long targetDelayNanos,
                        long intervalNanos, boolean inlineWhenIdle) {
        if (threads < 1 || capacity < 2 || Integer.bitCount(capacity) != 1 || maxQueueDelayNanos <= 0
                || targetDelayNanos <= 0 || targetDelayNanos > maxQueueDelayNanos || intervalNanos <= 0) {
            throw new IllegalArgumentException("threads >= 1, capacity a power of two >= 2, 0 < target <= max delay,"
                    + " interval > 0");
        }
        this.maxQueueDelayNanos = maxQueueDelayNanos;
        lanes = new Lane[threads];
        for (int i = 0; i < threads; i++) {
            lanes[i] = new Lane(capacity, new QueueDelayRule(targetDelayNanos, intervalNanos, maxQueueDelayNanos),
                    inlineWhenIdle ? new InlineBudget(INLINE_WINDOW_NANOS, INLINE_SHARE) : null);
            Thread thread = new Thread(lanes[i]::run, name + "-" + i);
            thread.setDaemon(true);
            lanes[i].thread = thread;
            thread.start();
        }
    }

    /**
     * One worker per processor the JVM sees, the DEFAULT_ capacity and delays, and idle lanes run inline when that
     * is one worker.
     */
    public static MediaWorkers withDefaults(String name) {
        int threads = Runtime.getRuntime().availableProcessors();
        return new MediaWorkers(name, threads, DEFAULT_CAPACITY, DEFAULT_MAX_QUEUE_DELAY_NANOS,
                DEFAULT_TARGET_DELAY_NANOS, DEFAULT_INTERVAL_NANOS, threads == 1);
    }

    public long maxQueueDelayNanos() {
        return maxQueueDelayNanos;
    }

    /** Packets waiting in all lanes right now. */
    public int queued() {
        int n = 0;
        for (Lane lane : lanes) {
            n += lane.size();
        }
        return n;
    }

    /** The lane for a new transport: round robin, so publishers spread over the workers. */
    Lane assign() {
        return lanes[Math.floorMod(next.getAndIncrement(), lanes.length)];
    }

    /** Stops the workers; packets still queued are released. */
    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.stop();
        }
    }

    /**
     * A bounded FIFO of (task, packet) with one consumer thread. Producers (the ICE receive thread, and in tests any
     * thread) and the consumer share one monitor; it is held for a few field writes, so it is all but uncontended.
     * Nothing is allocated per packet. Tasks of a lane never run on two threads at once: while a producer runs one
     * inline the worker takes nothing, and the monitor orders what each of them wrote.
     */
    static final class Lane {
        private final Task[] tasks;
        private final PacketBuffer[] packets;
        private final int mask;
        private int head;
        private int count;
        private boolean parked;
        /** A producer is running a packet of this lane; the worker must not take one meanwhile. */
        private boolean inline;
        /** Null when this lane's packets always go to its worker. */
        private final InlineBudget inlineBudget;
        private volatile boolean stopped;
        private Thread thread;
        /** Used by whichever thread runs this lane's tasks (one at a time). */
        private final QueueDelayRule delayRule;

        Lane(int capacity, QueueDelayRule delayRule, InlineBudget inlineBudget) {
            tasks = new Task[capacity];
            packets = new PacketBuffer[capacity];
            mask = capacity - 1;
            this.delayRule = delayRule;
            this.inlineBudget = inlineBudget;
        }

        /**
         * Whether an RTP packet received at {@code receivedAtNanos}, taken now, is dropped rather than forwarded (see
         * {@link QueueDelayRule}). Only a task running on this lane may call it.
         */
        boolean dropLateRtp(long receivedAtNanos, long nowNanos) {
            return delayRule.drop(receivedAtNanos, nowNanos);
        }

        /**
         * Queues a packet for {@code task}, or runs it on the calling thread when the lane allows that and is idle;
         * false (the caller still owns the packet) when the lane is full.
         */
        boolean offer(Task task, PacketBuffer packet) {
            Thread wake = null;
            synchronized (this) {
                if (stopped) {
                    return false;
                }
                if (inlineBudget != null && count == 0 && parked && !inline
                        && inlineBudget.allows(System.nanoTime())) {
                    inline = true;
                } else {
                    if (count == tasks.length) {
                        return false;
                    }
                    int tail = (head + count) & mask;
                    tasks[tail] = task;
                    packets[tail] = packet;
                    count++;
                    if (parked && !inline) {
                        parked = false;
                        wake = thread;
                    }
                    packet = null;
                }
            }
            if (packet != null) {
                runInline(task, packet);
            } else if (wake != null) {
                LockSupport.unpark(wake);
            }
            return true;
        }

        /** Runs one packet (a batch of one) on the producer's thread, then hands anything queued meanwhile over. */
        private void runInline(Task task, PacketBuffer packet) {
            long start = System.nanoTime();
            runSafely(task, packet);
            endBatch(task);
            long took = System.nanoTime() - start;
            Thread wake = null;
            synchronized (this) {
                inline = false;
                inlineBudget.spent(took);
                if (count > 0 && parked) {
                    parked = false;
                    wake = thread;
                }
            }
            if (wake != null) {
                LockSupport.unpark(wake);
            }
        }

        synchronized int size() {
            return count;
        }

        /**
         * Takes packets in order; a run of packets for the same task that were already waiting (at most
         * {@link #MAX_BATCH}) ends with one {@link Task#endOfBatch()}, so a task can do per-run work once: a
         * publisher's fan-out sends a whole key frame burst to one subscriber while its state is in the cache.
         */
        private void run() {
            Task current = null;
            int inBatch = 0;
            while (!stopped) {
                Task task;
                PacketBuffer packet;
                synchronized (this) {
                    if (count == 0 || inline) {
                        parked = current == null;
                        task = null;
                        packet = null;
                    } else {
                        task = tasks[head];
                        packet = packets[head];
                        tasks[head] = null;
                        packets[head] = null;
                        head = (head + 1) & mask;
                        count--;
                    }
                }
                if (task == null) {
                    if (current != null) {
                        endBatch(current); // the queue ran dry: finish the run, then look again before parking
                        current = null;
                        inBatch = 0;
                        continue;
                    }
                    LockSupport.park(this); // an offer after parked=true unparks; a spurious return just loops
                    continue;
                }
                if (current != null && (task != current || inBatch == MAX_BATCH)) {
                    endBatch(current);
                    inBatch = 0;
                }
                current = task;
                inBatch++;
                runSafely(task, packet);
            }
            if (current != null) {
                endBatch(current);
            }
            drain();
        }

        private static void runSafely(Task task, PacketBuffer packet) {
            try {
                task.process(packet);
            } catch (RuntimeException e) {
                System.getLogger(MediaWorkers.class.getName()).log(System.Logger.Level.WARNING, "media task threw", e);
            }
        }

        private static void endBatch(Task task) {
            try {
                task.endOfBatch();
            } catch (RuntimeException e) {
                System.getLogger(MediaWorkers.class.getName())
                        .log(System.Logger.Level.WARNING, "media task threw at the end of a batch", e);
            }
        }

        private void stop() {
            stopped = true;
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        private synchronized void drain() {
            while (count > 0) {
                packets[head].release();
                tasks[head] = null;
                packets[head] = null;
                head = (head + 1) & mask;
                count--;
            }
        }
    }
}
