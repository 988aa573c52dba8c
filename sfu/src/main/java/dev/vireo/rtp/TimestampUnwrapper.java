package dev.vireo.rtp;

/**
 * Widens 32-bit RTP timestamps to 64 bits that never wrap, in the same way as {@link SequenceNumberUnwrapper}: each
 * timestamp is placed at the 64-bit value nearest to the previous one (a step of up to 2^31 forward counts as
 * forward, up to 2^31 - 1 back as backward). The first timestamp maps to itself. Not thread-safe.
 */
public final class TimestampUnwrapper {
    private final Unwrapper unwrapper = new Unwrapper(32);

    /** The widened value of {@code ts} (only its low 32 bits are used). */
    public long unwrap(long ts) {
        return unwrapper.unwrap(ts);
    }

    /** Forgets the history: the next timestamp maps to itself again. */
    public void reset() {
        unwrapper.reset();
    }
}
