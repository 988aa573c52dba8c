package dev.vireo.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QueueDelayRuleTest {
    private static final long MS = 1_000_000L;

    /** target 50 ms, interval 1 s, hard limit 1 s: the SFU's defaults. */
    private static QueueDelayRule rule() {
        return new QueueDelayRule(50 * MS, 1000 * MS, 1000 * MS);
    }

    /**
     * Plays {@code steps} ({received ms, taken ms, dropped 0/1, shedding afterwards 0/1}) through one rule, in order.
     */
    private static void play(QueueDelayRule rule, long[][] steps) {
        for (int i = 0; i < steps.length; i++) {
            long[] s = steps[i];
            String what = "step " + i + ": received " + s[0] + " ms, taken " + s[1] + " ms";
            assertEquals(s[2] == 1, rule.drop(s[0] * MS, s[1] * MS), what + ": dropped");
            assertEquals(s[3] == 1, rule.shedding(), what + ": shedding");
        }
    }

    @Test
    void aQueueBelowTheTargetIsNeverCut() {
        play(rule(), new long[][] {
                {0, 0, 0, 0},
                {10, 60, 0, 0},        // exactly the target
                {100, 149, 0, 0},
                {5000, 5049, 0, 0},
        });
    }

    @Test
    void theHardLimitDropsWhateverTheState() {
        play(rule(), new long[][] {
                {0, 1000, 0, 0},       // exactly the limit: kept
                {0, 1001, 1, 0},       // one ms over: dropped, though no standing queue was seen
                {1000, 1010, 0, 0},
        });
    }

    /** A stall makes packets late once; the queue drains within the interval, so nothing more is dropped. */
    @Test
    void aStallThatDrainsIsRiddenOut() {
        play(rule(), new long[][] {
                {0, 900, 0, 0},        // 900 ms late after a stall: above the target from now on
                {100, 950, 0, 0},
                {900, 1200, 0, 0},
                {1190, 1200, 0, 0},    // drained: below the target again
                {1200, 1900, 0, 0},    // a second stall starts a new interval
                {1850, 2850, 0, 0},    // 950 ms above, not yet the interval; 1000 ms old, at the limit: kept
                {2800, 2890, 0, 0},
                {2880, 2890, 0, 0},
        });
    }

    /** A standing queue: after an interval above the target, everything older than the target goes at once. */
    @Test
    void aStandingQueueIsCutToTheTarget() {
        play(rule(), new long[][] {
                {0, 100, 0, 0},        // 100 ms: above the target since 100
                {500, 700, 0, 0},
                {900, 1099, 0, 0},     // 999 ms above
                {1000, 1100, 1, 1},    // the interval is over: shedding, this one (100 ms) dropped
                {1010, 1101, 1, 1},    // 91 ms: dropped
                {1090, 1120, 0, 1},    // 30 ms: within the target, forwarded
                {1100, 1200, 1, 1},    // still more than the worker can take: dropped
                {2190, 2200, 0, 1},    // 1000 ms since the last drop, not more: still shedding
                {2195, 2201, 0, 0},    // a whole interval without a drop: stops
                {2200, 2300, 0, 0},    // late again: a new interval starts, nothing dropped yet
        });
    }

    @Test
    void theClockMayWrap() {
        long start = Long.MAX_VALUE / MS - 5;   // ms just below where nanoTime wraps
        play(rule(), new long[][] {
                {start, start + 10, 0, 0},
                {start, start + 1001, 1, 0},
        });
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new QueueDelayRule(0, MS, MS));
        assertThrows(IllegalArgumentException.class, () -> new QueueDelayRule(MS, 0, MS));
        assertThrows(IllegalArgumentException.class, () -> new QueueDelayRule(2 * MS, MS, MS));
    }
}
