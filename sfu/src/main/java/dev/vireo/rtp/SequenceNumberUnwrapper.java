package dev.vireo.rtp;

/**
 * Widens 16-bit RTP sequence numbers to 64 bits that never wrap (RFC 3550 §A.1 keeps a cycle count for the same
 * reason), so later stages compare and subtract plain longs.
 *
 * <p>Each number is placed at the 64-bit value nearest to the previous one: a step of up to 32768 forward counts as
 * forward (crossing 65535 → 0 adds a cycle), a step of up to 32767 back counts as a late, reordered packet. The first
 * number maps to itself; a reordered packet from before it and before a wrap can therefore map below 0. The low 16
 * bits of a result always equal the input. One instance per stream; not thread-safe.
 */
public final class SequenceNumberUnwrapper {
    private final Unwrapper unwrapper = new Unwrapper(16);

    /** The widened value of {@code seq} (only its low 16 bits are used). */
    public long unwrap(int seq) {
        return unwrapper.unwrap(seq);
    }

    /** Forgets the history: the next number maps to itself again. */
    public void reset() {
        unwrapper.reset();
    }
}
