package dev.vireo.bwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table tests of the estimator's parts, each with an injected clock. */
class EstimatorPartsTest {
    private static final long S = 1_000_000_000L;

    @ParameterizedTest(name = "delay growth {0} ms per group -> {1}")
    @CsvSource({
        "0, NORMAL",
        "2, OVERUSING",
        "-2, UNDERUSING",
    })
    void trendAndDetectorJudgeAQueue(double growthMs, BandwidthUsage expected) {
        TrendlineFilter trend = new TrendlineFilter(20);
        OveruseDetector detector = new OveruseDetector();
        BandwidthUsage seen = BandwidthUsage.NORMAL;
        for (int i = 1; i <= 60; i++) {
            double arrival = i * 20.0 + i * growthMs;
            trend.update(20 + growthMs, 20, arrival);
            BandwidthUsage u = detector.detect(trend.modifiedTrend(), trend.trend(), 20, trend.deltas(), arrival);
            if (u != BandwidthUsage.NORMAL) {
                seen = u;
            }
        }
        assertEquals(expected, seen);
    }

    @Test
    void aimdIncreasesOnNormalAndDecreasesToEightyFivePercentOfAckedOnOveruse() {
        AimdRateController aimd = new AimdRateController(1_000_000, 10_000, 10_000_000);
        aimd.update(BandwidthUsage.NORMAL, 1_000_000, 0);
        long after1s = aimd.update(BandwidthUsage.NORMAL, 1_000_000, S);
        assertTrue(after1s > 1_050_000 && after1s < 1_100_000, "8 %/s increase, got " + after1s);
        long capped = aimd.update(BandwidthUsage.NORMAL, 100_000, 30 * S);
        assertEquals(after1s, capped, "no increase beyond 1.5 x a low acknowledged rate");
        assertEquals(850_000, aimd.update(BandwidthUsage.OVERUSING, 1_000_000, 31 * S));
        assertEquals(850_000, aimd.update(BandwidthUsage.UNDERUSING, 1_000_000, 32 * S), "underuse holds");
    }

    @ParameterizedTest(name = "{0} of 100 lost -> {1}")
    @CsvSource({
        "0, 1080000",
        "5, 1000000",
        "20, 900000",
    })
    void lossBasedFollowsTheDraftsThresholds(int lost, long expected) {
        LossBasedController loss = new LossBasedController(1_000_000, 10_000, 10_000_000);
        loss.update(0, 0, -1, 0);
        assertEquals(expected, loss.update(lost, 100, -1, S), 1000);
    }

    @Test
    void lossCutsStopAtWhatThePathAcknowledged() {
        // A 600 kbit/s link overloaded at 1.2 Mbit/s: half of each window is lost, 600 kbit/s arrives.
        LossBasedController loss = new LossBasedController(1_000_000, 10_000, 10_000_000);
        loss.update(0, 0, -1, 0);
        long[] expected = {750_000, 562_500, 510_000, 510_000};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], loss.update(50, 100, 600_000, (i + 1) * 400_000_000L), 1000, "window " + i);
        }
        // Without an acknowledged rate the draft's cut applies alone.
        LossBasedController blind = new LossBasedController(1_000_000, 10_000, 10_000_000);
        blind.update(0, 0, -1, 0);
        blind.update(50, 100, -1, 400_000_000L);
        assertEquals(562_500, blind.update(50, 100, -1, 800_000_000L), 1000);
        // The floor never raises: an estimate already below 85 % of the acknowledged rate stays.
        LossBasedController low = new LossBasedController(400_000, 10_000, 10_000_000);
        low.update(0, 0, -1, 0);
        assertEquals(400_000, low.update(50, 100, 600_000, 400_000_000L), 1000);
    }

    @Test
    void rembCapsTheEstimateUntilItGoesStale() {
        BandwidthEstimator e = new BandwidthEstimator(BandwidthEstimator.defaults());
        e.onRemb(300_000, S);
        assertEquals(300_000, e.bitsPerSecond());
        PacketFeedback fb = new PacketFeedback(4);
        fb.add(5 * S, 5_000_000, 1200, -1);
        e.onFeedback(fb, 5 * S);
        assertTrue(e.bitsPerSecond() > 300_000, "a REMB 4 s old no longer caps");
    }

    @Test
    void aProbeClusterThatArrivesFastRaisesTheEstimate() {
        BandwidthEstimator e = new BandwidthEstimator(BandwidthEstimator.defaults());
        int cluster = e.newCluster(4_000_000);
        e.onProbeSent(cluster, 10, S);
        PacketFeedback fb = new PacketFeedback(16);
        // 10 x 1200 B arriving 2.4 ms apart: 4 Mbit/s.
        for (int i = 0; i < 10; i++) {
            fb.add(S + i * 2_400_000L, 1_000_000 + i * 2_400L, 1200, cluster);
        }
        e.onFeedback(fb, S);
        assertTrue(e.bitsPerSecond() >= 3_900_000, "estimate after the probe: " + e.bitsPerSecond());
    }

    @Test
    void sendHistoryWidensSixteenBitNumbers() {
        SendHistory h = new SendHistory(1024);
        for (int i = 0; i < 70_000; i++) {
            h.record(i, 100 + (i % 7), -1);
        }
        int entry = h.find(69_999 & 0xFFFF);
        assertEquals(69_999, h.sequence(entry));
        assertEquals(100 + 69_999 % 7, h.size(entry));
        assertEquals(-1, h.find((69_999 - 2000) & 0xFFFF), "overwritten entries are gone");
    }
}
