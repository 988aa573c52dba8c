package dev.vireo.signaling;

import java.util.HashMap;
import java.util.Map;

/**
 * Lets one event per kind through per interval: used so a misbehaving client costs one log line per kind every
 * 10 s and one rate-limit error reply a second. Thread-safe.
 */
public final class Throttle {
    private final long intervalNanos;
    private final Map<String, Long> lastAllowed = new HashMap<>();

    public Throttle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** True when no event of this kind was let through in the last interval. */
    public synchronized boolean allow(String kind, long nowNanos) {
        Long last = lastAllowed.get(kind);
        if (last != null && nowNanos - last < intervalNanos) {
            return false;
        }
        lastAllowed.put(kind, nowNanos);
        return true;
    }
}
