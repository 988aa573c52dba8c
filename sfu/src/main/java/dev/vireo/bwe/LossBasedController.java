package dev.vireo.bwe;

/**
 * The loss-based controller of draft-ietf-rmcat-gcc-02 §6: with more than 10 % of packets lost the rate drops by
 * half the loss fraction; under 2 % it grows (8 % per second here, as the delay-based side does); in between it
 * holds, since that much loss is what a non-congested wireless path shows. A cut never goes below 85 % of the
 * acknowledged rate, the rate the path demonstrably carried while losing. Decisions are taken over at least
 * {@code minPackets} packets and at most once per {@code intervalNanos}, so one lossy feedback message does not
 * compound. Like the delay-based side it never grows past 1.5 x the acknowledged rate.
 *
 * <p>A pure class: the caller passes the time.
 */
public final class LossBasedController {
    private static final int MIN_PACKETS = 20;
    private static final long INTERVAL_NANOS = 300_000_000L;
    /** A loss-driven cut stops at this share of the acknowledged rate (the delay-based side's own decrease). */
    private static final double ACKED_FLOOR = 0.85;

    private final long minBps;
    private final long maxBps;
    private long bitrate;
    private int lost;
    private int total;
    private long lastUpdateNanos = Long.MIN_VALUE;
    private double lastLossFraction;

    public LossBasedController(long initialBps, long minBps, long maxBps) {
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.bitrate = initialBps;
    }

    /** Counts the packets one feedback message reported; returns the (possibly updated) estimate. */
    public long update(int lostPackets, int reportedPackets, long ackedBps, long nowNanos) {
        lost += lostPackets;
        total += reportedPackets;
        if (lastUpdateNanos == Long.MIN_VALUE) {
            lastUpdateNanos = nowNanos;
        }
        long elapsed = nowNanos - lastUpdateNanos;
        if (total < MIN_PACKETS || elapsed < INTERVAL_NANOS) {
            return bitrate;
        }
        double fraction = lost / (double) total;
        lastLossFraction = fraction;
        if (fraction > 0.10) {
            long cut = (long) (bitrate * (1 - 0.5 * fraction));
            if (ackedBps > 0) {
                // Heavy loss says the sender sent too much, not that the path carries nothing: what arrived did
                // arrive. Without this floor the cuts of one second of overload (before the sender moves to a
                // lower layer) compound: on a 600 kbit/s tbf link the estimate fell from 450 to 50 kbit/s.
                cut = Math.max(cut, Math.min(bitrate, (long) (ACKED_FLOOR * ackedBps)));
            }
            bitrate = cut;
        } else if (fraction < 0.02) {
            long next = (long) (bitrate * Math.pow(1.08, Math.min(elapsed, 1_000_000_000L) / 1e9));
            if (ackedBps > 0) {
                next = Math.min(next, Math.max(bitrate, (long) (1.5 * ackedBps) + 10_000));
            }
            bitrate = next;
        }
        bitrate = Math.max(minBps, Math.min(maxBps, bitrate));
        lost = 0;
        total = 0;
        lastUpdateNanos = nowNanos;
        return bitrate;
    }

    /** Raises the estimate to a rate a probe proved the path carries (never lowers it). */
    public void raiseTo(long bps) {
        bitrate = Math.max(minBps, Math.min(maxBps, Math.max(bitrate, bps)));
    }

    public long bitrate() {
        return bitrate;
    }

    /** The loss fraction of the last decision. */
    public double lossFraction() {
        return lastLossFraction;
    }
}
