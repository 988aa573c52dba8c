package dev.vireo.bench.media;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that sends for every load publisher: it wakes at the earliest due time among all sources, lets each due
 * source emit its frame, and sleeps again. A thread per stream would put hundreds of threads on the load core.
 * Sources join and leave while it runs; a late thread catches up at once rather than skipping frames, and a source
 * that fell more than a second behind is moved forward (the load core was starved; the gap is reported as CPU
 * saturation, not hidden as loss).
 */
public final class PacedSender implements AutoCloseable {
    private static final long MAX_BEHIND_NANOS = 1_000_000_000L;

    private final CopyOnWriteArrayList<RtpSource> sources = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lateResets;

    public PacedSender() {
        thread = new Thread(this::run, "bench-paced-sender");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts sending {@code source} {@code delayNanos} from now. */
    public void add(RtpSource source, long delayNanos) {
        source.start(System.nanoTime() + delayNanos);
        sources.add(source);
        LockSupport.unpark(thread);
    }

    public void remove(RtpSource source) {
        sources.remove(source);
    }

    /** Packets sent so far by the sources currently sending. */
    public long packetsSent() {
        long n = 0;
        for (RtpSource s : sources) {
            n += s.packetsSent();
        }
        return n;
    }

    /** Times a source was more than a second late and skipped ahead. */
    public long lateResets() {
        return lateResets;
    }

    private void run() {
        while (running) {
            long now = System.nanoTime();
            long next = now + 50_000_000L;
            for (RtpSource s : sources) {
                if (now - s.dueNanos() > MAX_BEHIND_NANOS) {
                    s.start(now);
                    lateResets++;
                }
                while (s.dueNanos() - now <= 0) {
                    try {
                        s.emit(now);
                    } catch (RuntimeException e) {
                        // One broken transport must not stop every publisher's traffic.
                        s.start(now + 1_000_000_000L);
                        break;
                    }
                }
                if (s.dueNanos() - next < 0) {
                    next = s.dueNanos();
                }
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
