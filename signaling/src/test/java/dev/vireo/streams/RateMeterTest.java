package dev.vireo.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Bit rates from readings of a byte counter, with the time given. */
class RateMeterTest {
    private static final long S = 1_000_000_000L;

    @Test
    void table() {
        RateMeter meter = new RateMeter();
        // {bytes, nanos, expected bit/s}
        long[][] readings = {
            {0, 0, 0},                     // first reading: no rate yet
            {50_000, S / 4, 0},            // under half a window: still nothing to show
            {125_000, S, 1_000_000},       // 125 kB over 1 s = 1 Mbit/s
            {250_000, 2 * S, 1_000_000},
            {500_000, 3 * S, 1_333_333},   // 500 kB over 3 s; the span passed the window, so the base moves to 2 s
            {500_000, 3 * S + S / 10, 1_818_181}, // 250 kB since the new base 1.1 s ago
            {600_000, 3 * S + S / 5, 2_333_333},  // 350 kB since the same base, 1.2 s
            {100, 4 * S, 0},               // the counter went back (a new publisher): start again
        };
        for (long[] r : readings) {
            assertEquals(r[2], meter.bitsPerSecond(r[0], r[1]), "at " + r[1]);
        }
    }

    @Test
    void resetStartsOver() {
        RateMeter meter = new RateMeter();
        meter.bitsPerSecond(0, 0);
        assertEquals(8000, meter.bitsPerSecond(1000, S));
        meter.reset();
        assertEquals(0, meter.bitsPerSecond(5000, 2 * S));
    }
}
