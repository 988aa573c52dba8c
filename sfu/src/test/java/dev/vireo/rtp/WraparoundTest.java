package dev.vireo.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WraparoundTest {
    @Test
    void widenPicksTheClosestExtension() {
        assertEquals(65536, Wraparound.widen(0, 65535, 1 << 16));
        assertEquals(65535, Wraparound.widen(65535, 65536, 1 << 16));
        assertEquals(131072 + 5, Wraparound.widen(5, 131072 + 65000 - 65536, 1 << 16));
        assertEquals(100, Wraparound.widen(100, 90, 1 << 16));
    }

    @Test
    void widenCountsExactlyHalfTheRangeAsAhead() {
        assertEquals(32768, Wraparound.widen(32768, 0, 1 << 16));
        assertEquals(65536 + 32767, Wraparound.widen(32767, 65535, 1 << 16));
        assertEquals(-32767, Wraparound.widen(32769, 0, 1 << 16));
        assertEquals(-1, Wraparound.widen(65535, 0, 1 << 16));
        assertEquals((1L << 32) + 0x7FFF_FFFFL + 1, Wraparound.widen(0x8000_0000L, 1L << 32, 1L << 32));
    }

    /** Every distance from several references, against the definition: the extension within (-half, half]. */
    @Test
    void widenMatchesTheDefinitionAtEveryDistance() {
        long mod = 1 << 16;
        for (long reference : new long[] {0, 1, 32767, 32768, 65535, 65536, 5 * 65536 + 123, -70_000}) {
            for (long distance = -mod / 2 + 1; distance <= mod / 2; distance++) {
                long expected = reference + distance;
                long value = Math.floorMod(expected, mod);
                assertEquals(expected, Wraparound.widen(value, reference, mod),
                        "value " + value + " against " + reference);
            }
        }
        assertEquals(130, Wraparound.widen(2, 127, 128));   // a 7-bit VP8 picture id just past its wrap
        assertEquals(127, Wraparound.widen(127, 128, 128));
    }
}
