package dev.vireo.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A probe cluster's schedule under a timer that runs on time, late once, or late again and again. */
class ProbePacingTest {
    private static final long MS = 1_000_000L;

    static Stream<Arguments> timers() {
        return Stream.of(
                // name, packets, interval, lateness of each step (cycled), first step's lateness
                Arguments.of("on time, 3 Mbit/s", 66, 733_333L, new long[] {0}, 0L),
                Arguments.of("on time, 20 Mbit/s", 440, 110_000L, new long[] {0}, 0L),
                Arguments.of("first step 30 ms late", 66, 733_333L, new long[] {0}, 30 * MS),
                Arguments.of("one 40 ms stall", 66, 733_333L, new long[] {0, 0, 0, 0, 40 * MS, 0, 0, 0, 0, 0, 0, 0,
                        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0L),
                Arguments.of("40 ms stall at 20 Mbit/s", 440, 110_000L, new long[] {0, 0, 0, 40 * MS, 0, 0, 0, 0,
                        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0L),
                Arguments.of("always 3 ms late", 66, 733_333L, new long[] {3 * MS}, 0L),
                Arguments.of("jittery 0-7 ms", 120, 400_000L, new long[] {0, 7 * MS, 1 * MS, 5 * MS, 0, 2 * MS}, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timers")
    void neverEarlyNeverABurst(String name, int count, long interval, long[] lateness, long firstLate) {
        ProbePacing pacing = new ProbePacing(count, interval);
        List<Long> sendTimes = new ArrayList<>();
        long now = 1_000 * MS + firstLate;
        int maxBurst = 0;
        for (int step = 0; !pacing.done(); step++) {
            int due = pacing.due(now);
            maxBurst = Math.max(maxBurst, due);
            for (int i = 0; i < due; i++) {
                sendTimes.add(now);
            }
            pacing.sent(due);
            assertTrue(step < 10_000, "the cluster ends");
            now += pacing.nanosToNextStep(now) + lateness[step % lateness.length];
        }
        assertEquals(count, sendTimes.size(), "every packet once");
        long first = sendTimes.get(0);
        boolean onTime = lateness.length == 1 && lateness[0] == 0;
        for (int i = 0; i < count; i++) {
            long sinceFirst = sendTimes.get(i) - first;
            assertTrue(sinceFirst >= i * interval, name + ": packet " + i + " left early at " + sinceFirst);
            if (onTime) {
                assertTrue(sinceFirst < i * interval + ProbePacing.MIN_STEP_NANOS + interval,
                        name + ": packet " + i + " held back: " + sinceFirst);
            }
        }
        long burstBound = 1 + (ProbePacing.MAX_LATE_NANOS + ProbePacing.MIN_STEP_NANOS) / interval + 1;
        assertTrue(maxBurst <= burstBound, name + ": " + maxBurst + " packets at once, bound " + burstBound);
    }

    @ParameterizedTest(name = "stopped after {0}")
    @ValueSource(ints = {0, 1, 10})
    void aStoppedCarrierEndsTheClusterWithWhatWentOut(int before) {
        ProbePacing pacing = new ProbePacing(66, 733_333L);
        pacing.due(0);
        pacing.sent(before);
        pacing.truncate();
        assertTrue(pacing.done());
        assertEquals(before, pacing.sent());
    }
}
