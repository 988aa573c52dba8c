package dev.vireo.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpRewriterTest {
    private static final long MS = 1_000_000L;

    /** One row: a packet in (ssrc, seq, ts, time) and what must come out (or -1 = dropped). */
    private record Row(int ssrc, int seq, long ts, long nowMs, int outSeq, long outTs) {}

    private static void run(RtpRewriter rewriter, Row... rows) {
        for (int i = 0; i < rows.length; i++) {
            Row row = rows[i];
            boolean kept = rewriter.rewrite(row.ssrc, row.seq, row.ts, row.nowMs * MS);
            if (row.outSeq < 0) {
                assertFalse(kept, "row " + i + " should be dropped");
                continue;
            }
            assertTrue(kept, "row " + i + " should be forwarded");
            assertEquals(row.outSeq, rewriter.outSequenceNumber(), "row " + i + " sequence number");
            assertEquals(row.outTs, rewriter.outTimestamp(), "row " + i + " timestamp");
        }
    }

    @Test
    void firstSourceStartsAtTheChosenInitialValues() {
        run(new RtpRewriter(90000, 1000, 5000),
                new Row(1, 40000, 123456, 0, 1000, 5000),
                new Row(1, 40001, 126456, 33, 1001, 8000),
                new Row(1, 40003, 132456, 100, 1003, 14000),
                new Row(1, 40002, 129456, 101, 1002, 11000)); // reordered: keeps its own slot
    }

    @Test
    void sequenceAndTimestampWrapOnBothSides() {
        run(new RtpRewriter(90000, 65534, 0xFFFFFFF0L),
                new Row(7, 65535, 0xFFFFFFFFL, 0, 65534, 0xFFFFFFF0L),
                new Row(7, 0, 2999, 33, 65535, (0xFFFFFFF0L + 3000) & 0xFFFFFFFFL),
                new Row(7, 1, 5999, 66, 0, (0xFFFFFFF0L + 6000) & 0xFFFFFFFFL),
                new Row(7, 2, 8999, 99, 1, (0xFFFFFFF0L + 9000) & 0xFFFFFFFFL));
    }

    @Test
    void sourceSwitchContinuesWithoutGapAndAdvancesTimeByWallClock() {
        RtpRewriter rewriter = new RtpRewriter(90000, 100, 10000);
        run(rewriter,
                new Row(1, 500, 90000, 0, 100, 10000),
                new Row(1, 501, 93000, 33, 101, 13000),
                // publisher rejoined 200 ms later with a new SSRC and unrelated numbering
                new Row(2, 20000, 777777, 233, 102, 13000 + 18000),
                new Row(2, 20001, 780777, 266, 103, 13000 + 18000 + 3000),
                // a late packet of the new source from before its first forwarded one would reuse numbers: dropped
                new Row(2, 19999, 774777, 267, -1, -1));
    }

    @Test
    void switchingBackToAnEarlierSsrcIsAlsoASwitch() {
        RtpRewriter rewriter = new RtpRewriter(48000, 0, 0);
        run(rewriter,
                new Row(1, 10, 960, 0, 0, 0),
                new Row(2, 50, 100, 20, 1, 960),
                new Row(1, 11, 1920, 40, 2, 1920));
    }

    @Test
    void detachingMakesTheNextPacketASwitchEvenFromTheSameSsrc() {
        RtpRewriter rewriter = new RtpRewriter(90000, 10, 0);
        run(rewriter, new Row(1, 100, 0, 0, 10, 0), new Row(1, 101, 3000, 33, 11, 3000));
        rewriter.detachSource();
        run(rewriter, new Row(1, 500, 9000, 1033, 12, 3000 + 90000));
    }

    @Test
    void mapTimestampTranslatesSenderReportTimesWithTheCurrentOffset() {
        RtpRewriter rewriter = new RtpRewriter(90000, 0, 1_000);
        rewriter.rewrite(1, 5, 50_000, 0);
        assertEquals(1_000 + 9_000, rewriter.mapTimestamp(59_000));
        assertEquals((1_000L - 60_000) & 0xFFFFFFFFL, rewriter.mapTimestamp(-10_000L & 0xFFFFFFFFL));
    }

    @Test
    void thinnedPacketsLeaveNoGapAcrossWraparoundAndSwitches() {
        RtpRewriter rewriter = new RtpRewriter(90000, 65533, 0);
        run(rewriter, new Row(1, 65534, 0, 0, 65533, 0));
        rewriter.skip(1, 65535);             // dropped (temporal thinning)
        run(rewriter, new Row(1, 0, 3000, 33, 65534, 3000));
        rewriter.skip(1, 1);
        rewriter.skip(1, 2);
        rewriter.skip(2, 7);                 // another source's packet: no effect
        run(rewriter,
                new Row(1, 3, 6000, 66, 65535, 6000),
                new Row(2, 900, 50, 166, 0, 6000 + 9000),  // layer switch 100 ms later
                new Row(2, 901, 3050, 199, 1, 6000 + 9000 + 3000));
        rewriter.skip(1, 4);                 // the old layer no longer counts
        run(rewriter, new Row(2, 902, 6050, 233, 2, 6000 + 9000 + 6000));
    }
}
