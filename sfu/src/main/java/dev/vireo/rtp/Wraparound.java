package dev.vireo.rtp;

/**
 * Counters that wrap (16-bit sequence numbers, 32-bit timestamps, 7- and 15-bit VP8 picture ids) placed on a line
 * that does not: {@link #widen} puts a value at the extension nearest to a reference.
 */
public final class Wraparound {
    private Wraparound() {
    }

    /**
     * The extension of {@code value} (modulo {@code mod}, a power of two) nearest to {@code reference}: within
     * (-mod/2, mod/2] of it, so a value exactly half the range away counts as ahead. Branch-free on purpose: a wrap
     * is rare (once per 65536 packets of a stream), and C2 compiled the branch that once handled it as a trap, so
     * the first wrap threw away the whole inlined forward path's machine code and it was recompiled mid-stream.
     */
    public static long widen(long value, long reference, long mod) {
        long half = mod >> 1;
        return reference + ((value - reference - 1 + half) & (mod - 1)) - half + 1;
    }
}
