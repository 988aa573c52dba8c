package dev.vireo.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DynacastPolicyTest {
    private static final long S = 1_000_000_000L;

    /** One row: at {@code atMs}, layers {@code needed} (bit mask) are needed; {@code active} must come out. */
    private record Row(long atMs, int needed, int active) {
    }

    @Test
    void unneededLayersTurnOffAfterTheDelayAndBackOnAtOnce() {
        DynacastPolicy p = new DynacastPolicy(3, 3 * S, 0);
        assertEquals(0b111, p.active());
        for (Row r : new Row[] {
                new Row(0, 0b001, 0b111),
                new Row(2900, 0b001, 0b111),   // not yet 3 s
                new Row(3000, 0b001, 0b001),   // h and f off; q always stays on
                new Row(3250, 0b100, 0b101),   // a subscriber wants f: on at once
                new Row(3500, 0b000, 0b101),
                new Row(5000, 0b100, 0b101),   // needed again within the delay: no flap
                new Row(7999, 0b000, 0b101),
                new Row(8000, 0b000, 0b001),
                new Row(8250, 0b010, 0b011)}) {
            assertEquals(r.active, p.update(r.needed, r.atMs * 1_000_000L), "at " + r.atMs + " ms");
        }
    }
}
