package dev.vireo.streams;

import java.util.concurrent.TimeUnit;

/**
 * A bit rate from readings of a growing byte counter: the rate over the span between the newest reading and the
 * oldest one kept, which is replaced once it is more than {@link #WINDOW_NANOS} old, so a figure always covers at
 * least half a window and at most about one and a half. Not thread-safe; the owner serialises calls.
 */
final class RateMeter {
    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    private boolean started;
    private long baseBytes;
    private long baseNanos;
    private long lastBytes;
    private long lastNanos;
    private long lastRate;

    /** The rate in bits per second after this reading; 0 until two readings half a window apart. */
    long bitsPerSecond(long bytes, long nowNanos) {
        if (!started || bytes < lastBytes) {
            started = true;
            baseBytes = lastBytes = bytes;
            baseNanos = lastNanos = nowNanos;
            lastRate = 0;
            return 0;
        }
        long span = nowNanos - baseNanos;
        if (span >= WINDOW_NANOS / 2) {
            lastRate = (bytes - baseBytes) * 8 * 1_000_000_000L / span;
        }
        if (span > WINDOW_NANOS) {
            baseBytes = lastBytes;
            baseNanos = lastNanos;
        }
        lastBytes = bytes;
        lastNanos = nowNanos;
        return lastRate;
    }

    void reset() {
        started = false;
    }
}
