package dev.vireo.agent;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: doubling from {@code initial} up to {@code cap}, each cut by up to 20 % at random so a fleet of
 * boxes that lost the same server does not knock on it in lockstep. The cap is what bounds the time from "server
 * reachable again" to "publishing again": one delay plus one connect and negotiation.
 */
public final class Backoff {
    private final long initialMillis;
    private final long capMillis;
    private final DoubleSupplier random;
    private long nextMillis;

    /** @param random values in [0, 1): the jitter source (injected so tests can pin it) */
    public Backoff(Duration initial, Duration cap, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= cap");
        }
        this.initialMillis = initial.toMillis();
        this.capMillis = cap.toMillis();
        this.random = random;
        this.nextMillis = initialMillis;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the cap. */
    public Duration next() {
        long base = nextMillis;
        nextMillis = Math.min(capMillis, nextMillis * 2);
        long jitter = (long) (base * 0.2 * random.getAsDouble());
        return Duration.ofMillis(base - jitter);
    }

    /** After a success: the next failure starts again from the initial delay. */
    public void reset() {
        nextMillis = initialMillis;
    }
}
