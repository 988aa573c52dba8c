package dev.vireo.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeyframeRequestLimiterTest {
    @Test
    void letsOneRequestThroughPerInterval() {
        KeyframeRequestLimiter limiter = new KeyframeRequestLimiter(250);
        long[] times = {0, 1, 100, 249, 250, 251, 499, 500, 10_000};
        boolean[] expected = {true, false, false, false, true, false, false, true, true};
        for (int i = 0; i < times.length; i++) {
            assertEquals(expected[i], limiter.tryRequest(times[i]), "at t=" + times[i]);
        }
    }

    @Test
    void aStormOfSubscribersJoiningAtOnceYieldsOneRequest() {
        KeyframeRequestLimiter limiter = new KeyframeRequestLimiter(250_000_000L);
        int sent = 0;
        for (int subscriber = 0; subscriber < 500; subscriber++) {
            if (limiter.tryRequest(1_000_000_000L + subscriber * 100_000L)) {
                sent++;
            }
        }
        assertEquals(1, sent);
    }
}
