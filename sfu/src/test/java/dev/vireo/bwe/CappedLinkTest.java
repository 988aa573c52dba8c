package dev.vireo.bwe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The estimator on synthetic traces of a capped link: a sender that sends at whatever the estimate says, a
 * bottleneck of {@code capacity} with a drop-tail queue, 20 ms one-way delay, and transport-cc style feedback every
 * 50 ms. Whatever the start, the estimate must settle near the cap: not far above it (that would fill the queue and
 * lose packets) and not far below (that would waste the link).
 */
class CappedLinkTest {
    private static final int PACKET = 1200;
    private static final long PROPAGATION_NANOS = 20_000_000L;
    private static final long QUEUE_LIMIT_NANOS = 300_000_000L;
    private static final long FEEDBACK_NANOS = 50_000_000L;

    @ParameterizedTest(name = "cap {0} bit/s, start {1} bit/s")
    @CsvSource({
        "500000, 1000000",
        "2000000, 1000000",
        "2000000, 300000",
        "5000000, 1000000",
    })
    void estimateConvergesNearTheCap(long capacity, long initial) {
        BandwidthEstimator estimator = new BandwidthEstimator(new BandwidthEstimator.Settings(initial, 50_000,
                20_000_000));
        double[] settled = simulate(estimator, capacity, 60_000_000_000L, 30_000_000_000L);
        System.out.printf("cap %d: estimate over the last 30 s min %.0f mean %.0f max %.0f%n", capacity,
                settled[0], settled[1], settled[2]);
        assertTrue(settled[1] >= 0.65 * capacity && settled[1] <= 1.2 * capacity,
                "mean estimate " + settled[1] + " for a " + capacity + " bit/s link");
        assertTrue(settled[2] <= 1.6 * capacity, "estimate peaked at " + settled[2]);
    }

    /** Runs the link; returns min, mean and max of the estimate sampled every feedback after {@code settleNanos}. */
    static double[] simulate(BandwidthEstimator estimator, long capacity, long durationNanos, long settleNanos) {
        int max = 200_000;
        long[] send = new long[max];
        long[] arrival = new long[max];
        int sent = 0;
        int reported = 0;
        long linkFree = 0;
        long nextSend = 0;
        long nextFeedback = FEEDBACK_NANOS;
        double min = Double.MAX_VALUE;
        double sum = 0;
        double top = 0;
        int samples = 0;
        PacketFeedback fb = new PacketFeedback(4096);
        for (long now = 0; now < durationNanos && sent < max; now += 100_000L) {
            while (nextSend <= now && sent < max) {
                long serve = PACKET * 8L * 1_000_000_000L / capacity;
                long start = Math.max(nextSend, linkFree);
                send[sent] = nextSend;
                if (start - nextSend > QUEUE_LIMIT_NANOS) {
                    arrival[sent] = PacketFeedback.NOT_RECEIVED; // tail drop
                } else {
                    linkFree = start + serve;
                    arrival[sent] = linkFree + PROPAGATION_NANOS;
                }
                sent++;
                nextSend += PACKET * 8L * 1_000_000_000L / Math.max(estimator.bitsPerSecond(), 10_000);
            }
            if (now >= nextFeedback) {
                nextFeedback += FEEDBACK_NANOS;
                fb.clear();
                // Report every packet that has arrived (or would have by now) since the last report.
                int last = reported;
                while (last < sent && (arrival[last] == PacketFeedback.NOT_RECEIVED
                        ? send[last] + PROPAGATION_NANOS <= now : arrival[last] <= now)) {
                    last++;
                }
                for (int i = reported; i < last; i++) {
                    long a = arrival[i] == PacketFeedback.NOT_RECEIVED ? PacketFeedback.NOT_RECEIVED
                            : arrival[i] / 1000;
                    fb.add(send[i], a, PACKET, -1);
                }
                reported = last;
                if (fb.count() > 0) {
                    estimator.onFeedback(fb, now + PROPAGATION_NANOS);
                }
                if (now >= settleNanos) {
                    double e = estimator.bitsPerSecond();
                    min = Math.min(min, e);
                    top = Math.max(top, e);
                    sum += e;
                    samples++;
                }
            }
        }
        return new double[] {min, sum / samples, top};
    }
}
