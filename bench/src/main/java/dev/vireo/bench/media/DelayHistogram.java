package dev.vireo.bench.media;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts delays in 10 µs buckets up to one second (beyond: one overflow bucket). Recorded from the load clients'
 * receive threads without locks; read once a step has ended.
 */
public final class DelayHistogram {
    private static final long BUCKET_NANOS = 10_000;
    private static final int BUCKETS = 100_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);

    public void record(long nanos) {
        long b = nanos < 0 ? 0 : nanos / BUCKET_NANOS;
        counts.incrementAndGet((int) Math.min(b, BUCKETS));
    }

    public long count() {
        long n = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The upper edge, in milliseconds, of the bucket holding quantile {@code q} (0..1); NaN when empty. */
    public double quantileMillis(double q) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank && seen > 0) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return (BUCKETS + 1) * BUCKET_NANOS / 1e6;
    }
}
