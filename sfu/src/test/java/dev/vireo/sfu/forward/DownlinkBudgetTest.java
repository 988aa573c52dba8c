package dev.vireo.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DownlinkBudgetTest {
    private static final long MS = 1_000_000L;
    private static final long NONE = Long.MAX_VALUE;

    /** One row: at {@code atMs} the estimate and the forwarded rate; the budget wanted. */
    private record Row(long atMs, long estimate, long forwarded, long budget) {
    }

    @Test
    void estimateLimitsOnlyAfterCongestionAndHoldsLongerWhenItReturnsSoon() {
        DownlinkBudget b = new DownlinkBudget(10_000 * MS, 60_000 * MS);
        for (Row r : new Row[] {
                new Row(0, 0, 1_000_000, NONE),             // unknown: no limit
                new Row(250, 300_000, 200_000, NONE),       // estimate above what flows: free to climb
                new Row(400, 1_200_000, 1_500_000, NONE),   // 0.8 of what flows: one overuse, not congestion
                new Row(500, 1_000_000, 1_500_000, NONE),   // well below what flows...
                new Row(1_000, 1_000_000, 1_500_000, NONE),
                new Row(1_499, 1_000_000, 1_500_000, NONE),
                new Row(1_500, 1_000_000, 1_500_000, 1_000_000), // ...for a second: congested, limited
                new Row(5_000, 1_200_000, 700_000, 1_200_000), // held
                new Row(11_499, 1_200_000, 700_000, 1_200_000),
                new Row(11_500, 1_200_000, 700_000, NONE),  // hold over: probe upwards again
                new Row(12_000, 900_000, 1_500_000, NONE),
                new Row(13_000, 900_000, 1_500_000, 900_000), // congested again soon: held twice as long
                new Row(32_999, 900_000, 700_000, 900_000),
                new Row(33_000, 900_000, 700_000, NONE),
                new Row(200_000, 900_000, 1_500_000, NONE),
                new Row(201_000, 900_000, 1_500_000, 900_000), // much later: the base hold again
                new Row(211_000, 900_000, 700_000, NONE)}) {
            assertEquals(r.budget, b.budget(r.estimate, r.forwarded, r.atMs * MS), "at " + r.atMs + " ms");
        }
    }

    @Test
    void anEstimateUnderHalfOfWhatFlowsLimitsAtOnce() {
        DownlinkBudget b = new DownlinkBudget(10_000 * MS, 60_000 * MS);
        for (Row r : new Row[] {
                new Row(0, 5_000_000, 1_300_000, NONE),
                new Row(700, 650_000, 1_300_000, NONE),     // half: could still be a key frame burst
                new Row(800, 600_000, 1_300_000, 600_000),  // under half: overloaded, no second of waiting
                new Row(2_000, 550_000, 500_000, 550_000),  // held
                new Row(10_800, 550_000, 500_000, NONE)}) {
            assertEquals(r.budget, b.budget(r.estimate, r.forwarded, r.atMs * MS), "at " + r.atMs + " ms");
        }
    }

    /** With probing the estimate is the budget; only a confirmed dip under what flows lowers it. No hold, no retry. */
    @Test
    void aProbedBudgetIsTheEstimateOnceADipIsConfirmed() {
        DownlinkBudget b = new DownlinkBudget(10_000 * MS, 60_000 * MS);
        for (Row r : new Row[] {
                new Row(0, 0, 1_000_000, NONE),                // unknown: no limit
                new Row(100, 1_000_000, 0, 1_000_000),         // nothing flows yet: the estimate
                new Row(250, 3_000_000, 2_500_000, 3_000_000), // above what flows: room to climb
                new Row(500, 2_000_000, 2_500_000, 2_500_000), // 0.8 of what flows: keeps what flows
                new Row(600, 1_800_000, 2_500_000, 2_500_000), // under 0.75: not yet confirmed
                new Row(1_599, 1_800_000, 2_500_000, 2_500_000),
                new Row(1_600, 1_800_000, 2_500_000, 1_800_000), // a second under: the estimate
                new Row(2_000, 1_800_000, 700_000, 1_800_000), // moved down: the estimate above what flows
                new Row(3_000, 1_100_000, 2_500_000, 1_100_000), // under half: at once
                new Row(3_100, 1_100_000, 700_000, 1_100_000),
                new Row(60_000, 1_100_000, 700_000, 1_100_000)}) { // no hold expiry: only a probe raises it
            assertEquals(r.budget, b.probedBudget(r.estimate, r.forwarded, r.atMs * MS), "at " + r.atMs + " ms");
        }
    }
}
