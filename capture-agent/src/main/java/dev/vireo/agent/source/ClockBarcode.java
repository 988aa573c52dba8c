package dev.vireo.agent.source;

import java.util.OptionalLong;

/**
 * The wall clock as a row of black and white blocks, for glass-to-glass latency: the sender draws the capture time,
 * the viewer reads it back from the decoded frame and subtracts it from its own clock.
 *
 * <p>Layout, {@value #BLOCKS} blocks left to right: white, black (guards that also show the decoder where the row
 * is and that it is not inverted), {@value #BITS} bits of the time in milliseconds since the epoch, most significant
 * first (white = 1), then the parity of those bits and its inverse. 44 bits last until the year 2527. The latency
 * harness page encodes the same layout and its decoder samples the middle of each block and applies the same checks
 * ({@code web-client/.../web/latency/barcode.js}; {@code LatencyTest} checks that both give the same blocks).
 */
public final class ClockBarcode {
    public static final int BITS = 44;
    public static final int BLOCKS = BITS + 4;

    private ClockBarcode() {
    }

    /** The blocks for {@code millis}; true is white. */
    public static boolean[] encode(long millis) {
        if (millis < 0 || millis >= 1L << BITS) {
            throw new IllegalArgumentException("time out of range: " + millis);
        }
        boolean[] blocks = new boolean[BLOCKS];
        blocks[0] = true;
        blocks[1] = false;
        boolean parity = false;
        for (int i = 0; i < BITS; i++) {
            boolean bit = ((millis >>> (BITS - 1 - i)) & 1) != 0;
            blocks[2 + i] = bit;
            parity ^= bit;
        }
        blocks[BLOCKS - 2] = parity;
        blocks[BLOCKS - 1] = !parity;
        return blocks;
    }

    /** The time the blocks carry, or empty when a guard or the parity does not check out. */
    public static OptionalLong decode(boolean[] blocks) {
        if (blocks.length != BLOCKS || !blocks[0] || blocks[1] || blocks[BLOCKS - 2] == blocks[BLOCKS - 1]) {
            return OptionalLong.empty();
        }
        long millis = 0;
        boolean parity = false;
        for (int i = 0; i < BITS; i++) {
            millis = (millis << 1) | (blocks[2 + i] ? 1 : 0);
            parity ^= blocks[2 + i];
        }
        return parity == blocks[BLOCKS - 2] ? OptionalLong.of(millis) : OptionalLong.empty();
    }
}
