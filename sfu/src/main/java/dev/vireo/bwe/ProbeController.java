package dev.vireo.bwe;

/**
 * Decides when to send a probe cluster (a short burst of padding above the current estimate) and at what rate.
 * The delay- and loss-based controllers only climb a few percent per second, and never past 1.5 times what the
 * receiver acknowledges; a probe that arrives at the rate it was sent proves at once that the path carries that much.
 * As in libwebrtc and LiveKit:
 * <ul>
 *   <li>at start-up, two probes at 3x and 6x the initial estimate, {@link #STARTUP_GAP_NANOS} apart;</li>
 *   <li>whenever the layer allocation wants more than the estimate allows (a <em>deficit</em>: the caller passes the
 *       budget the next layer step needs), a probe at {@link #OVERSHOOT} times that, first after
 *       {@link #SETTLE_NANOS} (a fresh layer's rate and a drop's queue settle first), then again after
 *       {@link #FIRST_RETRY_NANOS}, doubling up to {@link #MAX_RETRY_NANOS} while probes fail, so a link that really
 *       is narrow is not hammered.</li>
 * </ul>
 * A probe can be fooled: a queue or a shaper's token bucket that holds more than the cluster's excess over the link
 * passes it at full speed, the estimate rises, the allocation climbs, and congestion follows. So a probe that met its
 * need only resets the back-off once the estimate has held for {@link #HOLD_NANOS}; if it falls under
 * {@link #HELD} of what was proven before that, the back-off keeps growing, and a fooled probe costs one climb and
 * one fall per back-off period, not one every few seconds.
 * Whether a probe succeeded is the estimator's business (see {@link BandwidthEstimator}); this class only sees its
 * effect on the estimate.
 *
 * <p>A pure class: the caller passes the time.
 */
public final class ProbeController {
    static final long STARTUP_GAP_NANOS = 500_000_000L;
    static final long SETTLE_NANOS = 1_000_000_000L;
    static final long FIRST_RETRY_NANOS = 2_000_000_000L;
    static final long MAX_RETRY_NANOS = 16_000_000_000L;
    /** A cluster's measured rate comes out a little under its target; probing above the need still proves it. */
    static final double OVERSHOOT = 1.15;
    /** A probe cluster lasts at least this long (libwebrtc: 15 ms; a rate over a few packets is noise). */
    public static final long CLUSTER_NANOS = 40_000_000L;
    /**
     * A cluster carries at least this many bits more than the current estimate would in the same time: a queue or a
     * shaper's token bucket that holds less cannot pass the whole cluster at full speed, so it cannot fool it.
     */
    static final long MIN_EXCESS_BITS = 12_000 * 8;
    static final long MAX_CLUSTER_NANOS = 250_000_000L;
    public static final int MIN_CLUSTER_PACKETS = 8;
    public static final int MAX_CLUSTER_PACKETS = 200;
    static final long HOLD_NANOS = 10_000_000_000L;
    static final double HELD = 0.6;

    private static final long NEVER = Long.MIN_VALUE;

    private final long maxBps;
    private final long[] startup;
    private int startupSent;
    private long lastStartupNanos = NEVER;
    private boolean inDeficit;
    private long nextProbeNanos = NEVER;
    private long retryNanos = FIRST_RETRY_NANOS;
    /** What the last deficit probe was for; 0 when none is outstanding. */
    private long probedForBps;
    /** What the last successful probe proved, while it is watched (see {@link #HOLD_NANOS}); 0 when none. */
    private long provenBps;
    private long provenAtNanos;

    public ProbeController(long initialBps, long maxBps) {
        this.maxBps = maxBps;
        this.startup = new long[] {Math.min(maxBps, 3 * initialBps), Math.min(maxBps, 6 * initialBps)};
    }

    /**
     * Takes the current estimate and what the allocation wants, and returns the rate to probe at now, or 0 for no
     * probe. A returned probe counts as sent: call only when a probe can go out.
     *
     * @param wantedBps the budget the allocation's next step up needs, 0 when it wants no more than it has
     */
    public long poll(long estimateBps, long wantedBps, long nowNanos) {
        watchSuccess(estimateBps, nowNanos);
        if (startupSent < startup.length) {
            if (lastStartupNanos != NEVER && nowNanos - lastStartupNanos < STARTUP_GAP_NANOS) {
                return 0;
            }
            long target = startup[startupSent++];
            if (target > estimateBps) {
                lastStartupNanos = nowNanos;
                return target;
            }
        }
        if (wantedBps <= estimateBps || estimateBps >= maxBps) {
            inDeficit = false;
            return 0;
        }
        if (!inDeficit) {
            inDeficit = true;
            // A deficit that comes back soon (the tile grew again) keeps the back-off it had.
            nextProbeNanos = Math.max(nowNanos + SETTLE_NANOS, nextProbeNanos);
        }
        if (nowNanos < nextProbeNanos) {
            return 0;
        }
        probedForBps = wantedBps;
        nextProbeNanos = nowNanos + retryNanos;
        retryNanos = Math.min(MAX_RETRY_NANOS, retryNanos * 2);
        return Math.min(maxBps, Math.round(wantedBps * OVERSHOOT));
    }

    /** A probe that met its need is watched: the back-off resets only if the estimate holds. */
    private void watchSuccess(long estimateBps, long nowNanos) {
        if (probedForBps > 0 && estimateBps >= probedForBps) {
            provenBps = probedForBps;
            provenAtNanos = nowNanos;
            probedForBps = 0;
        }
        if (provenBps == 0) {
            return;
        }
        if (estimateBps < HELD * provenBps) {
            provenBps = 0; // fooled: the climb it allowed did not hold, the back-off stays
        } else if (nowNanos - provenAtNanos >= HOLD_NANOS) {
            provenBps = 0;
            retryNanos = FIRST_RETRY_NANOS;
        }
    }

    /**
     * How many packets of {@code packetBytes} a cluster at {@code targetBps} sends when the estimate is
     * {@code estimateBps}: long enough to carry {@link #MIN_EXCESS_BITS} over the estimate, between
     * {@link #CLUSTER_NANOS} and {@link #MAX_CLUSTER_NANOS}; at least {@link #MIN_CLUSTER_PACKETS} (a rate needs a
     * few arrivals) and at most {@link #MAX_CLUSTER_PACKETS} (a very high target is sent faster, not longer).
     */
    public static int clusterPackets(long targetBps, long estimateBps, int packetBytes) {
        long excess = Math.max(1, targetBps - estimateBps);
        long nanos = Math.max(CLUSTER_NANOS, Math.min(MAX_CLUSTER_NANOS, MIN_EXCESS_BITS * 1_000_000_000L / excess));
        long packets = (targetBps * nanos / 8_000_000_000L + packetBytes - 1) / packetBytes;
        return (int) Math.max(MIN_CLUSTER_PACKETS, Math.min(MAX_CLUSTER_PACKETS, packets));
    }

    /**
     * The most packets of {@code packetBytes} a pacer that fell behind a cluster's schedule may send at once to catch
     * up: half of {@link #MIN_EXCESS_BITS}, so no single burst carries what proves the probe.
     */
    public static int maxBurstPackets(int packetBytes) {
        return (int) Math.max(1, MIN_EXCESS_BITS / 16 / packetBytes);
    }

    /** The gap between two packets of a cluster at {@code targetBps}. */
    public static long packetIntervalNanos(long targetBps, int packetBytes) {
        return packetBytes * 8_000_000_000L / Math.max(1, targetBps);
    }
}
