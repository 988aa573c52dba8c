package dev.vireo.sfu.forward;

/**
 * Decides whether a keyframe request may go to a publisher now. Many subscribers joining at once, or one decoder
 * asking repeatedly, would otherwise turn into a storm of PLIs and a publisher that sends nothing but keyframes.
 * A pure class with an injected clock.
 */
public final class KeyframeRequestLimiter {
    private final long minIntervalNanos;
    private long lastRequestNanos;
    private boolean requested;

    public KeyframeRequestLimiter(long minIntervalNanos) {
        this.minIntervalNanos = minIntervalNanos;
    }

    /** True (and the request is recorded) when no request went out in the last interval. */
    public synchronized boolean tryRequest(long nowNanos) {
        if (requested && nowNanos - lastRequestNanos < minIntervalNanos) {
            return false;
        }
        requested = true;
        lastRequestNanos = nowNanos;
        return true;
    }
}
