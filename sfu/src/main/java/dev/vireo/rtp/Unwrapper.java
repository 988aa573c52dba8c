package dev.vireo.rtp;

/**
 * Widens a counter of {@code bits} bits that wraps to 64 bits that never do: each value is placed at the 64-bit
 * value nearest to the previous one (a step of up to half the range forward counts as forward, up to half the range
 * minus one back as backward). The first value maps to itself; the low bits of a result always equal the input.
 * Not thread-safe.
 */
final class Unwrapper {
    private final long range;
    private boolean started;
    private long last;

    Unwrapper(int bits) {
        range = 1L << bits;
    }

    long unwrap(long value) {
        value &= range - 1;
        if (!started) {
            started = true;
            last = value;
            return last;
        }
        last = Wraparound.widen(value, last, range);
        return last;
    }

    void reset() {
        started = false;
        last = 0;
    }
}
