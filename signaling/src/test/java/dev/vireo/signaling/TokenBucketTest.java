package dev.vireo.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long MS = 1_000_000L;

    /** Takes tokens at {@code nowNanos} until refused; returns how many it got. */
    private static int drain(TokenBucket bucket, long nowNanos) {
        int taken = 0;
        while (bucket.tryTake(nowNanos)) {
            taken++;
        }
        return taken;
    }

    @Test
    void startsFullAtTheBurst() {
        assertEquals(100, drain(new TokenBucket(50, 100, 0), 0));
    }

    @Test
    void refillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(50, 100, 0);
        drain(bucket, 0);
        assertEquals(0, drain(bucket, 19 * MS));  // 0.95 of a token
        assertEquals(1, drain(bucket, 20 * MS));
        assertEquals(50, drain(bucket, 1020 * MS));
    }

    @Test
    void neverSavesMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(50, 100, 0);
        drain(bucket, 0);
        assertEquals(100, drain(bucket, 3_600_000 * MS));
    }

    @Test
    void clockGoingBackwardsAddsNothing() {
        TokenBucket bucket = new TokenBucket(10, 1, 1000 * MS);
        assertEquals(1, drain(bucket, 1000 * MS));
        assertEquals(0, drain(bucket, 500 * MS));
        assertEquals(1, drain(bucket, 1100 * MS));
    }

    @Test
    void sustainedRateMatches() {
        TokenBucket bucket = new TokenBucket(50, 100, 0);
        drain(bucket, 0);
        int taken = 0;
        for (long t = 0; t <= 10_000; t++) {  // every millisecond for 10 s
            if (bucket.tryTake(t * MS)) {
                taken++;
            }
        }
        assertEquals(500, taken);
    }
}
