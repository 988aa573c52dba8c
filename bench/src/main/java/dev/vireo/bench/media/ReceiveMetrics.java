package dev.vireo.bench.media;

import java.util.concurrent.atomic.LongAdder;

/**
 * Totals over every load subscriber: packets, bytes and the delay histogram of the current step. The step clock
 * swaps in a fresh histogram at each step's start, so a step's percentiles hold only its own packets.
 */
public final class ReceiveMetrics {
    private final LongAdder packets = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private volatile DelayHistogram delays = new DelayHistogram();

    void record(int length, long delayNanos) {
        packets.increment();
        bytes.add(length);
        delays.record(delayNanos);
    }

    public long packets() { return packets.sum(); }
    public long bytes() { return bytes.sum(); }

    /** Starts a new delay histogram and returns the one that was filling. */
    public DelayHistogram swapDelays() {
        DelayHistogram old = delays;
        delays = new DelayHistogram();
        return old;
    }
}
