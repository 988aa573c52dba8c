package dev.vireo.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private static List<Long> delays(Backoff b, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b.next().toMillis());
        }
        return out;
    }

    @Test
    void doublesUpToTheCapWithoutJitter() {
        Backoff b = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2), () -> 0.0);
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 2000L, 2000L), delays(b, 6));
    }

    @Test
    void jitterShortensByItsShareOfAFifth() {
        Backoff b = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2), () -> 0.5);
        assertEquals(List.of(225L, 450L, 900L, 1800L, 1800L), delays(b, 5));
    }

    @Test
    void resetStartsOver() {
        Backoff b = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2), () -> 0.0);
        delays(b, 4);
        b.reset();
        assertEquals(List.of(250L, 500L), delays(b, 2));
    }

    @Test
    void rejectsACapBelowTheStart() {
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(3), Duration.ofSeconds(2), () -> 0.0));
    }
}
