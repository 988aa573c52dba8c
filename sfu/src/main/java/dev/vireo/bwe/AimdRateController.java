package dev.vireo.bwe;

/**
 * The delay-based rate controller of draft-ietf-rmcat-gcc-02 §5.5: a state machine driven by the overuse signal.
 * Normal → increase (multiplicatively, 8 % per second, while far from the last known capacity; additively, about one
 * packet per response time, when close to it); overuse → decrease to 85 % of what actually arrived and hold;
 * underuse → hold (the queue is draining). An increase never exceeds 1.5 x the acknowledged rate: an estimate far
 * above what was ever sent means nothing.
 *
 * <p>A pure class: the caller passes the time.
 */
public final class AimdRateController {
    private static final double BETA = 0.85;
    private static final double MULTIPLICATIVE_PER_SECOND = 1.08;
    private static final long RESPONSE_TIME_NANOS = 200_000_000L;
    private static final int PACKET_BITS = 1200 * 8;

    private enum State { HOLD, INCREASE, DECREASE }

    private final long minBps;
    private final long maxBps;
    private long bitrate;
    private State state = State.HOLD;
    private long lastChangeNanos = Long.MIN_VALUE;
    /** Running average and variance of the acknowledged rate at overuse (kbit/s); negative when unknown. */
    private double avgMaxKbps = -1;
    private double varMaxKbps = 0.4;

    public AimdRateController(long initialBps, long minBps, long maxBps) {
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.bitrate = clamp(initialBps);
    }

    /**
     * Applies one overuse-detector output.
     *
     * @param ackedBps the rate the receiver acknowledged recently, or a negative number when not known yet
     * @return the new estimate
     */
    public long update(BandwidthUsage usage, long ackedBps, long nowNanos) {
        if (lastChangeNanos == Long.MIN_VALUE) {
            lastChangeNanos = nowNanos;
        }
        switch (usage) {
            case NORMAL -> {
                if (state == State.HOLD) {
                    state = State.INCREASE;
                    lastChangeNanos = nowNanos;
                }
            }
            case OVERUSING -> state = State.DECREASE;
            case UNDERUSING -> state = State.HOLD;
        }
        double ackedKbps = ackedBps / 1000.0;
        switch (state) {
            case HOLD -> lastChangeNanos = nowNanos;
            case INCREASE -> {
                if (ackedBps > 0 && avgMaxKbps >= 0
                        && ackedKbps > avgMaxKbps + 3 * Math.sqrt(varMaxKbps * avgMaxKbps)) {
                    avgMaxKbps = -1; // the capacity moved up: leave the additive regime
                }
                double dt = Math.min(nowNanos - lastChangeNanos, 1_000_000_000L) / 1e9;
                long increase = avgMaxKbps >= 0
                        ? (long) (PACKET_BITS * dt * 1e9 / RESPONSE_TIME_NANOS)
                        : (long) Math.max(bitrate * (Math.pow(MULTIPLICATIVE_PER_SECOND, dt) - 1), 1000 * dt);
                long next = bitrate + increase;
                if (ackedBps > 0) {
                    next = Math.min(next, Math.max(bitrate, (long) (1.5 * ackedBps) + 10_000));
                }
                bitrate = next;
                lastChangeNanos = nowNanos;
            }
            case DECREASE -> {
                long target = ackedBps > 0 ? (long) (BETA * ackedBps) : (long) (BETA * bitrate);
                bitrate = Math.min(bitrate, target);
                if (ackedBps > 0) {
                    updateMax(ackedKbps);
                }
                state = State.HOLD;
                lastChangeNanos = nowNanos;
            }
        }
        bitrate = clamp(bitrate);
        return bitrate;
    }

    private void updateMax(double kbps) {
        if (avgMaxKbps < 0) {
            avgMaxKbps = kbps;
        } else {
            avgMaxKbps = 0.95 * avgMaxKbps + 0.05 * kbps;
        }
        double norm = Math.max(avgMaxKbps, 1);
        varMaxKbps = 0.95 * varMaxKbps + 0.05 * (avgMaxKbps - kbps) * (avgMaxKbps - kbps) / norm;
        varMaxKbps = Math.max(0.4, Math.min(2.5, varMaxKbps));
    }

    /** Raises the estimate to a rate a probe proved the path carries (never lowers it). */
    public void raiseTo(long bps) {
        bitrate = clamp(Math.max(bitrate, bps));
    }

    public long bitrate() {
        return bitrate;
    }

    private long clamp(long bps) {
        return Math.max(minBps, Math.min(maxBps, bps));
    }
}
