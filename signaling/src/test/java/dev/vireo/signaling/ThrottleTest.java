package dev.vireo.signaling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThrottleTest {
    private static final long S = 1_000_000_000L;

    @Test
    void oncePerIntervalPerKind() {
        Throttle throttle = new Throttle(10 * S);
        assertTrue(throttle.allow("bad-json", 0));
        assertFalse(throttle.allow("bad-json", S));
        assertTrue(throttle.allow("too-large", S));
        assertFalse(throttle.allow("bad-json", 10 * S - 1));
        assertTrue(throttle.allow("bad-json", 10 * S));
        assertFalse(throttle.allow("bad-json", 19 * S));
    }
}
