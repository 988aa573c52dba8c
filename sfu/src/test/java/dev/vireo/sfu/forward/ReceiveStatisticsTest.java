package dev.vireo.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.rtcp.ReportBlock;
import org.junit.jupiter.api.Test;

class ReceiveStatisticsTest {
    private static final long MS = 1_000_000L;

    @Test
    void noReportBeforeTheFirstPacket() {
        assertNull(new ReceiveStatistics(90000).report(1, 0));
    }

    @Test
    void countsLossPerIntervalAndCumulativelyAcrossAWrap() {
        ReceiveStatistics stats = new ReceiveStatistics(90000);
        // 65530..65535, 0..3 with 65533 and 1 missing: 10 expected, 8 received
        int[] seqs = {65530, 65531, 65532, 65534, 65535, 0, 2, 3};
        long t = 0;
        for (int seq : seqs) {
            stats.onPacket(seq, t * 90, t * MS);
            t += 33;
        }
        ReportBlock first = stats.report(9, t * MS);
        assertEquals(9, first.ssrc());
        assertEquals(2, first.cumulativeLost());
        assertEquals((2 << 8) / 10, first.fractionLost());
        assertEquals(65536 + 3, first.extendedHighestSeq());

        for (int seq = 4; seq < 14; seq++) {
            stats.onPacket(seq, t * 90, t * MS);
            t += 33;
        }
        ReportBlock second = stats.report(9, t * MS);
        assertEquals(0, second.fractionLost());
        assertEquals(2, second.cumulativeLost());
    }

    @Test
    void jitterIsZeroForPerfectlyPacedPacketsAndGrowsWithIrregularArrival() {
        ReceiveStatistics steady = new ReceiveStatistics(90000);
        ReceiveStatistics bumpy = new ReceiveStatistics(90000);
        for (int i = 0; i < 100; i++) {
            steady.onPacket(i, i * 3000L, i * 33_333_333L);
            bumpy.onPacket(i, i * 3000L, i * 33_333_333L + (i % 2 == 0 ? 0 : 15 * MS));
        }
        assertTrue(steady.report(1, 0).jitter() <= 1, "steady jitter");
        assertTrue(bumpy.report(1, 0).jitter() > 500, "bumpy jitter");
    }

    @Test
    void delaySinceLastSenderReportIsIn1Over65536Seconds() {
        ReceiveStatistics stats = new ReceiveStatistics(48000);
        stats.onPacket(1, 0, 0);
        long ntp = 0xAABBCCDD_11223344L;
        stats.onSenderReport(ntp, 1_000 * MS);
        ReportBlock block = stats.report(1, 1_500 * MS);
        assertEquals(0xCCDD1122L, block.lastSr());
        assertEquals(32768, block.delaySinceLastSr());
    }
}
