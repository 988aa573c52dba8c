package dev.vireo.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InlineBudgetTest {
    private static final long MS = 1_000_000L;

    /** Rows: {time ms, nanos the previous run took (spent before asking), allowed?}; window 100 ms, share 25%. */
    @Test
    void aWindowAllowsItsShareAndTheNextStartsAfresh() {
        long[][] rows = {
            {0, 0, 1},          // a fresh budget
            {1, 10 * MS, 1},    // 10 of 25 ms spent
            {2, 14 * MS, 1},    // 24 ms
            {3, 1 * MS, 0},     // 25 ms: the window's share is used up
            {50, 0, 0},         // still the same window
            {99, 0, 0},
            {100, 0, 1},        // a new window starts at the first call at or past its end
            {101, 30 * MS, 0},  // one long run exhausts it
            {199, 0, 0},
            {250, 0, 1},        // a window starts when asked, not on a fixed grid: 250..350
            {349, 20 * MS, 1},
            {350, 0, 1},
        };
        InlineBudget budget = new InlineBudget(100 * MS, 0.25);
        for (long[] row : rows) {
            budget.spent(row[1]);
            assertEquals(row[2] == 1, budget.allows(row[0] * MS), "at " + row[0] + " ms");
        }
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new InlineBudget(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new InlineBudget(MS, 0));
        assertThrows(IllegalArgumentException.class, () -> new InlineBudget(MS, 1.5));
    }
}
