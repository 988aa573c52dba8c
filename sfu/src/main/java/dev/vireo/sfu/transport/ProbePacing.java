package dev.vireo.sfu.transport;

/**
 * The schedule of one probe cluster: packet {@code i} is due {@code i} intervals after the first went out. A timer
 * that runs late gets the packets it missed, sent at once, up to {@code maxBurst} packets; beyond that the rest of the
 * schedule slides back by the excess.
 *
 * <p>Why catch up at all: the estimator compares the cluster's arrival rate with its send rate, and a cluster whose
 * schedule slid at every late step leaves far slower than its target and proves only that slower rate. On a machine
 * busy enough that the pacer's 1 ms steps run 5-40 ms late (a call's own browsers on two cores), sliding after 2 ms
 * sent 3 Mbit/s clusters at 0.07-0.2 Mbit/s, so no probe raised the estimate. Why not catch up without bound: after a
 * long stall the rest of the cluster would leave as one burst, and a shaper's token bucket passes a burst at line rate.
 * A burst of at most half the cluster's minimum excess over the estimate cannot carry the probe through a bucket on its
 * own (see {@link dev.vireo.bwe.ProbeController#maxBurstPackets}). No packet ever leaves before its time, so catching
 * up never shortens the cluster's span.
 *
 * <p>Pure: the caller passes the time. Not thread-safe; {@link ProbeSender} guards it.
 */
final class ProbePacing {
    /** The shortest wait between steps, so a step sends a few packets rather than the timer waking per packet. */
    static final long MIN_STEP_NANOS = 1_000_000L;

    private int count;
    private final long intervalNanos;
    private final long maxLateNanos;
    private long startNanos = Long.MIN_VALUE;
    private int sent;

    /** @param maxBurst the most packets a late step sends at once to catch up */
    ProbePacing(int count, long intervalNanos, int maxBurst) {
        this.count = count;
        this.intervalNanos = intervalNanos;
        this.maxLateNanos = Math.max(MIN_STEP_NANOS, (Math.max(1, maxBurst) - 1) * intervalNanos);
    }

    /** How many packets to send now; the first call starts the schedule, however late the timer ran it. */
    int due(long nowNanos) {
        if (startNanos == Long.MIN_VALUE) {
            startNanos = nowNanos;
        }
        long late = nowNanos - (startNanos + sent * intervalNanos);
        if (late > maxLateNanos) {
            startNanos += late - maxLateNanos;
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
