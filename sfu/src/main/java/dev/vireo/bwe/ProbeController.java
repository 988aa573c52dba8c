package dev.vireo.bwe;

/**
 * Decides when to send a probe cluster (a short burst of padding above the current estimate) and at what rate.
 * The delay- and loss-based controllers only climb a few percent per second; a probe that arrives at the rate it
 * was sent proves at once that the path carries that much. Probes go out at start-up (3x and 6x the initial
 * estimate) and after a drop: once the estimate has been stable for {@code settleNanos}, a probe at the rate from
 * before the drop, repeated every {@code retryNanos} (at most {@code maxRetries} times) until the estimate is back.
 *
 * <p>A pure class: the caller passes the time.
 */
public final class ProbeController {
    private static final long SETTLE_NANOS = 1_000_000_000L;
    private static final long RETRY_NANOS = 3_000_000_000L;
    private static final int MAX_RETRIES = 3;
    private static final double DROP = 0.85;

    private final long maxBps;
    private final long[] startup;
    private int startupSent;
    private long peakBps;
    private long dropPeakBps;
    private long dropNanos = Long.MIN_VALUE;
    private long lastProbeNanos = Long.MIN_VALUE;
    private long lastEstimate;
    private int retries;

    public ProbeController(long initialBps, long maxBps) {
        this.maxBps = maxBps;
        this.startup = new long[] {Math.min(maxBps, 3 * initialBps), Math.min(maxBps, 6 * initialBps)};
    }

    /**
     * Takes the current estimate and returns the rate to probe at now, or 0 for no probe. A returned probe counts
     * as sent.
     */
    public long poll(long estimateBps, long nowNanos) {
        if (estimateBps > peakBps) {
            peakBps = estimateBps;
        }
        if (estimateBps < DROP * lastEstimate || (dropNanos == Long.MIN_VALUE && estimateBps < DROP * peakBps)) {
            dropPeakBps = Math.max(dropPeakBps, peakBps);
            dropNanos = nowNanos;
            retries = 0;
        }
        lastEstimate = estimateBps;
        if (startupSent < startup.length) {
            if (lastProbeNanos != Long.MIN_VALUE && nowNanos - lastProbeNanos < 500_000_000L) {
                return 0;
            }
            lastProbeNanos = nowNanos;
            long target = startup[startupSent++];
            return target > estimateBps ? target : 0;
        }
        if (dropNanos == Long.MIN_VALUE) {
            return 0;
        }
        if (estimateBps >= 0.95 * dropPeakBps || retries >= MAX_RETRIES) {
            // Recovered, or the path really is slower now: forget the old peak.
            dropNanos = Long.MIN_VALUE;
            dropPeakBps = 0;
            peakBps = estimateBps;
            return 0;
        }
        if (nowNanos - dropNanos < SETTLE_NANOS
                || (lastProbeNanos != Long.MIN_VALUE && nowNanos - lastProbeNanos < RETRY_NANOS)) {
            return 0;
        }
        retries++;
        lastProbeNanos = nowNanos;
        return Math.min(maxBps, dropPeakBps);
    }
}
