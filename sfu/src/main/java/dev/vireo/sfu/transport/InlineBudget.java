package dev.vireo.sfu.transport;

/**
 * How much of its time a producer (the ICE receive thread) may spend running packets of an idle lane itself instead
 * of waking the lane's worker: at most {@code shareOfWindow} of every window of {@code windowNanos}.
 *
 * <p>Running a packet where it was received saves a wake-up and a context switch per packet, which on a virtual
 * machine costs tens of microseconds of CPU (an idle virtual CPU halts and must be resumed) and adds its latency to
 * every packet. But the receive thread serves the whole shared socket: while it forwards one publisher's packet, the
 * next datagrams (other publishers, STUN, DTLS) wait in the kernel, where no {@link QueueDelayRule} sees them. The cap
 * keeps that wait short and makes a busy SFU fall back to the lanes, whose queues are measured and shed.
 *
 * <p>A pure class with the clock passed in; used under its lane's monitor.
 */
final class InlineBudget {
    private final long windowNanos;
    private final long allowedNanos;
    private long windowStartNanos;
    private long spentNanos;
    private boolean started;

    InlineBudget(long windowNanos, double shareOfWindow) {
        if (windowNanos <= 0 || shareOfWindow <= 0 || shareOfWindow > 1) {
            throw new IllegalArgumentException("window > 0, 0 < share <= 1");
        }
        this.windowNanos = windowNanos;
        this.allowedNanos = (long) (windowNanos * shareOfWindow);
    }

    /** Whether a packet may be run inline now: the current window has budget left. */
    boolean allows(long nowNanos) {
        if (!started || nowNanos - windowStartNanos >= windowNanos) {
            started = true;
            windowStartNanos = nowNanos;
            spentNanos = 0;
        }
        return spentNanos < allowedNanos;
    }

    /** An inline run took {@code nanos}; it counts against the window it started in. */
    void spent(long nanos) {
        spentNanos += nanos;
    }
}
