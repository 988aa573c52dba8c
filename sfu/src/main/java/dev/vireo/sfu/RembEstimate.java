package dev.vireo.sfu;

import dev.vireo.bwe.DownlinkEstimate;

/**
 * A subscriber's downlink as its own receive-side estimator reports it in REMB (draft-alvestrand-rmcat-remb), until
 * the SFU runs its own send-side estimate. Stale after {@code maxAgeNanos} without a report: then unknown.
 */
final class RembEstimate implements DownlinkEstimate {
    private static final long MAX_AGE_NANOS = 5_000_000_000L;

    private volatile long bps;
    private volatile long atNanos;

    void onRemb(long bitrateBps, long nowNanos) {
        bps = bitrateBps;
        atNanos = nowNanos;
    }

    @Override
    public long bitsPerSecond() {
        return System.nanoTime() - atNanos > MAX_AGE_NANOS ? 0 : bps;
    }
}
