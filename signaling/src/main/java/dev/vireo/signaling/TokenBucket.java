package dev.vireo.signaling;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, at most {@code burst} saved up. Time comes in as
 * {@code nowNanos} (e.g. {@link System#nanoTime()}) so tests can drive it. Not thread-safe: one per connection, used
 * from that connection's thread.
 */
public final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    public TokenBucket(int ratePerSecond, int burst, long nowNanos) {
        if (ratePerSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.ratePerNano = (double) ratePerSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    public boolean tryTake(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * ratePerNano);
            lastNanos = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
