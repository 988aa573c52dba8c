package dev.vireo.bwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When to probe ({@link ProbeController}) and what a probe cluster proves ({@link BandwidthEstimator}). */
class ProbingTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    /** One poll: at {@code atMs} with this estimate and wanted budget, the probe rate expected (0: none). */
    private record Poll(long atMs, long estimate, long wanted, long probe, String why) {
    }

    private static void play(ProbeController p, Poll... polls) {
        for (Poll x : polls) {
            assertEquals(x.probe, p.poll(x.estimate, x.wanted, x.atMs * MS), "at " + x.atMs + " ms: " + x.why);
        }
    }

    @Test
    void startUpProbesAtThreeAndSixTimesTheInitialEstimate() {
        play(new ProbeController(1_000_000, 20_000_000),
                new Poll(0, 1_000_000, 0, 3_000_000, "first start-up probe"),
                new Poll(250, 1_000_000, 0, 0, "start-up probes are spaced"),
                new Poll(500, 2_900_000, 0, 6_000_000, "second start-up probe"),
                new Poll(1_000, 5_800_000, 0, 0, "nothing wanted: no more probes"),
                new Poll(60_000, 5_800_000, 0, 0, "still nothing wanted"));
        play(new ProbeController(1_000_000, 20_000_000),
                new Poll(0, 1_000_000, 0, 3_000_000, "first"),
                new Poll(500, 7_000_000, 0, 0, "already above 6x: the second is skipped"));
    }

    @Test
    void aDeficitProbesAfterSettlingThenBacksOffWhileProbesFail() {
        long need = 3_000_000;
        long probe = Math.round(need * ProbeController.OVERSHOOT);
        play(new ProbeController(1_000_000, 20_000_000),
                new Poll(0, 1_000_000, 0, 3_000_000, "start-up"),
                new Poll(500, 1_000_000, 0, 6_000_000, "start-up, both failed"),
                new Poll(1_000, 1_000_000, need, 0, "a deficit settles for a second first"),
                new Poll(1_999, 1_000_000, need, 0, "still settling"),
                new Poll(2_000, 1_000_000, need, probe, "then probes a little above the need"),
                new Poll(3_999, 1_000_000, need, 0, "failed: retried after 2 s"),
                new Poll(4_000, 1_000_000, need, probe, "retry"),
                new Poll(7_999, 1_000_000, need, 0, "then after 4 s"),
                new Poll(8_000, 1_000_000, need, probe, "retry"),
                new Poll(16_000, 1_000_000, need, probe, "8 s"),
                new Poll(32_000, 1_000_000, need, probe, "16 s"),
                new Poll(47_999, 1_000_000, need, 0, "the back-off stops growing at 16 s"),
                new Poll(48_000, 1_000_000, need, probe, "16 s again"),
                new Poll(50_000, 1_000_000, 0, 0, "the tile shrank: nothing wanted"),
                new Poll(51_000, 1_000_000, need, 0, "wanted again soon: the back-off stays"),
                new Poll(63_999, 1_000_000, need, 0, "still backing off"),
                new Poll(64_000, 1_000_000, need, probe, "at the scheduled time"));
    }

    @Test
    void aProbeThatMeetsItsNeedResetsTheBackOffOnlyOnceTheEstimateHolds() {
        play(new ProbeController(300_000, 20_000_000),
                new Poll(0, 300_000, 0, 900_000, "start-up"),
                new Poll(500, 300_000, 0, 1_800_000, "start-up"),
                new Poll(1_000, 300_000, 600_000, 0, "deficit: settle"),
                new Poll(2_000, 300_000, 600_000, 690_000, "probe for the next step"),
                new Poll(2_250, 690_000, 1_500_000, 0, "met: the allocation climbed and wants the next step"),
                new Poll(3_999, 690_000, 1_500_000, 0, "which waits for the back-off"),
                new Poll(4_000, 690_000, 1_500_000, 1_725_000, "probe for 720p"),
                new Poll(8_000, 690_000, 1_500_000, 1_725_000, "failed: 4 s later"),
                new Poll(12_250, 690_000, 1_500_000, 0, "the 360p climb held 10 s: the back-off starts over"),
                new Poll(16_000, 690_000, 1_500_000, 1_725_000, "as scheduled"),
                new Poll(17_999, 690_000, 1_500_000, 0, "then 2 s, not 16 s"),
                new Poll(18_000, 690_000, 1_500_000, 1_725_000, "retry"));
    }

    @Test
    void aProbeThatWasFooledKeepsTheBackOffGrowing() {
        play(new ProbeController(300_000, 20_000_000),
                new Poll(0, 300_000, 0, 900_000, "start-up"),
                new Poll(500, 300_000, 0, 1_800_000, "start-up"),
                new Poll(1_000, 300_000, 600_000, 0, "deficit: settle"),
                new Poll(2_000, 300_000, 600_000, 690_000, "probe"),
                new Poll(2_250, 690_000, 1_500_000, 0, "met: climbed"),
                new Poll(3_000, 300_000, 600_000, 0, "congestion: the climb did not hold (a bucket passed the probe)"),
                new Poll(4_000, 300_000, 600_000, 690_000, "retried at the back-off, 2 s after the last"),
                new Poll(4_250, 690_000, 1_500_000, 0, "fooled again"),
                new Poll(5_000, 300_000, 600_000, 0, "and down again"),
                new Poll(7_999, 300_000, 600_000, 0, "the back-off grew: 4 s"),
                new Poll(8_000, 300_000, 600_000, 690_000, "retry"),
                new Poll(15_999, 300_000, 600_000, 0, "8 s"),
                new Poll(16_000, 300_000, 600_000, 690_000, "retry"));
    }

    @Test
    void probesNeverExceedTheMaximum() {
        play(new ProbeController(5_000_000, 20_000_000),
                new Poll(0, 5_000_000, 0, 15_000_000, "3x"),
                new Poll(500, 5_000_000, 0, 20_000_000, "6x capped"),
                new Poll(1_000, 5_000_000, 19_000_000, 0, "settle"),
                new Poll(2_000, 5_000_000, 19_000_000, 20_000_000, "1.15 x 19 M capped"),
                new Poll(9_000, 20_000_000, 30_000_000, 0, "at the maximum: nothing to probe for"));
    }

    @ParameterizedTest(name = "{0} bit/s over an estimate of {1} in {2} B packets: {3} packets {4} ns apart")
    @CsvSource({
        "3000000, 1000000, 275, 66, 733333",    // 12 000 B over the estimate: 48 ms, 18 000 B
        "6000000, 1000000, 275, 110, 366666",   // at least 40 ms
        "1035000, 350000, 275, 66, 2125603",    // a small excess takes longer: 140 ms
        "400000, 350000, 275, 46, 5500000",     // at most 250 ms
        "60000, 50000, 275, 8, 36666666",       // at least 8 packets, however low the rate
        "20000000, 1000000, 275, 200, 110000",  // at most 200: sent faster, not longer
    })
    void clusterShape(long target, long estimate, int bytes, int packets, long interval) {
        assertEquals(packets, ProbeController.clusterPackets(target, estimate, bytes));
        assertEquals(interval, ProbeController.packetIntervalNanos(target, bytes));
    }

    /**
     * One cluster of {@code sizes} sent at {@code sendMicros} and arriving at {@code arrivalMicros} (-1 = lost);
     * returns the estimate afterwards (start 1 Mbit/s).
     */
    private static long probe(long target, int packets, int size, long sendGapMicros, long[] arrivalMicros) {
        BandwidthEstimator e = new BandwidthEstimator(new BandwidthEstimator.Settings(1_000_000, 50_000,
                20_000_000));
        int cluster = e.newCluster(target);
        PacketFeedback fb = new PacketFeedback(256);
        for (int i = 0; i < packets; i++) {
            long arrival = arrivalMicros[i] < 0 ? PacketFeedback.NOT_RECEIVED : 1_000_000 + arrivalMicros[i];
            fb.add(S + i * sendGapMicros * 1000, arrival, size, cluster);
        }
        e.onFeedback(fb, 2 * S);
        assertEquals(1_000_000, e.bitsPerSecond(), "nothing counts before the cluster is complete");
        e.onProbeSent(cluster, packets, 2 * S);
        return e.bitsPerSecond();
    }

    private static long[] paced(int packets, long gapMicros) {
        long[] a = new long[packets];
        for (int i = 0; i < packets; i++) {
            a[i] = i * gapMicros;
        }
        return a;
    }

    @Test
    void aClusterThatArrivesAsFastAsItLeftRaisesTheEstimateToItsRate() {
        // 20 x 275 B every 733 us: 3 Mbit/s sent, received at the same pace with 250 us feedback resolution.
        long[] arrivals = paced(20, 733);
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = arrivals[i] / 250 * 250;
        }
        long after = probe(3_000_000, 20, 275, 733, arrivals);
        assertTrue(after >= 2_850_000 && after <= 3_000_000, "estimate " + after);
    }

    @Test
    void aClusterSlowedByABottleneckProvesNothing() {
        // Sent at 3 Mbit/s, spread to 1.5 Mbit/s by the link: saturated, and its rate may still include queueing.
        assertEquals(1_000_000, probe(3_000_000, 20, 275, 733, paced(20, 1_466)));
    }

    @Test
    void aClusterWhoseHeadATokenBucketSwallowedProvesNothing() {
        // A 1.5 Mbit/s shaper with a 2 750 B bucket: the first 10 packets pass at the send pace, the rest at
        // 1.5 Mbit/s. The whole cluster seems to arrive at 1.7 Mbit/s, above the link, but slower than it left.
        long[] arrivals = new long[30];
        for (int i = 0; i < 30; i++) {
            arrivals[i] = i < 10 ? i * 733 : 9 * 733 + (i - 9) * 1_466;
        }
        assertEquals(1_000_000, probe(3_000_000, 30, 275, 733, arrivals));
    }

    @Test
    void aClusterThatLostMuchProvesNothing() {
        long[] arrivals = paced(20, 733);
        for (int i : List.of(3, 7, 11, 15, 19)) {
            arrivals[i] = -1; // 25 % lost
        }
        assertEquals(1_000_000, probe(3_000_000, 20, 275, 733, arrivals));
    }

    @Test
    void anEstimatorProbesOnlyWhenAskedAndForwardsWhatItWants() {
        BandwidthEstimator e = new BandwidthEstimator(new BandwidthEstimator.Settings(1_000_000, 50_000,
                20_000_000));
        assertEquals(3_000_000, e.probeTarget(0, 0));
        assertEquals(6_000_000, e.probeTarget(0, S));
        assertEquals(0, e.probeTarget(800_000, 2 * S), "wants less than the estimate");
        assertEquals(0, e.probeTarget(2_000_000, 3 * S), "a deficit settles first");
        assertEquals(2_300_000, e.probeTarget(2_000_000, 4 * S));
    }
}
