package dev.vireo.sfu.transport;

/**
 * The schedule of one probe cluster: packet {@code i} is due {@code i} intervals after the first went out. A timer
 * that runs late gets the packets it missed only up to {@link #MAX_LATE_NANOS}; beyond that the rest of the schedule
 * slides back by the excess. A cluster must leave at its target rate to measure anything: the estimator compares its
 * arrival rate with its send rate, and one burst after a 40 ms timer stall would both overshoot the rate being probed
 * (a shaper's bucket passes a burst) and compress the cluster below the span that makes the comparison meaningful.
 *
 * <p>Pure: the caller passes the time. Not thread-safe; {@link ProbeSender} guards it.
 */
final class ProbePacing {
    /** How far behind its schedule a cluster may catch up in one burst. */
    static final long MAX_LATE_NANOS = 2_000_000L;
    /** The shortest wait between steps, so a step sends a few packets rather than the timer waking per packet. */
    static final long MIN_STEP_NANOS = 1_000_000L;

    private int count;
    private final long intervalNanos;
    private long startNanos = Long.MIN_VALUE;
    private int sent;

    ProbePacing(int count, long intervalNanos) {
        this.count = count;
        this.intervalNanos = intervalNanos;
    }

    /** How many packets to send now; the first call starts the schedule, however late the timer ran it. */
    int due(long nowNanos) {
        if (startNanos == Long.MIN_VALUE) {
            startNanos = nowNanos;
        }
        long late = nowNanos - (startNanos + sent * intervalNanos);
        if (late > MAX_LATE_NANOS) {
            startNanos += late - MAX_LATE_NANOS;
        }
        long due = Math.min(count, 1 + (nowNanos - startNanos) / intervalNanos);
        return (int) Math.max(0, due - sent);
    }

    /** Records that {@code packets} went out. */
    void sent(int packets) {
        sent += packets;
    }

    /** Ends the cluster early with what went out (its carrier stopped). */
    void truncate() {
        count = sent;
    }

    int sent() {
        return sent;
    }

    boolean done() {
        return sent >= count;
    }

    /** How long to wait before the next step: until the next packet is due, at least {@link #MIN_STEP_NANOS}. */
    long nanosToNextStep(long nowNanos) {
        return Math.max(MIN_STEP_NANOS, startNanos + sent * intervalNanos - nowNanos);
    }
}
