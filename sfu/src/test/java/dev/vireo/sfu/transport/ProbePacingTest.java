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
    /** What ProbeSender allows: 21 padding probes of 275 bytes. */
    private static final int MAX_BURST = dev.vireo.bwe.ProbeController.maxBurstPackets(ProbeSender.PROBE_PACKET_BYTES);

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
                Arguments.of("jittery 0-7 ms", 120, 400_000L, new long[] {0, 7 * MS, 1 * MS, 5 * MS, 0, 2 * MS}, 0L),
                Arguments.of("busy machine, 5-40 ms late", 66, 733_333L,
                        new long[] {5 * MS, 12 * MS, 40 * MS, 7 * MS, 20 * MS}, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timers")
    void neverEarlyNeverABurst(String name, int count, long interval, long[] lateness, long firstLate) {
        ProbePacing pacing = new ProbePacing(count, interval, MAX_BURST);
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
        // A late step sends at most MAX_BURST packets, or one on-time step's worth where that is more (fast clusters).
        long burstBound = Math.max(MAX_BURST, 1 + ProbePacing.MIN_STEP_NANOS / interval) + 1;
        assertTrue(maxBurst <= burstBound, name + ": " + maxBurst + " packets at once, bound " + burstBound);
    }

    /**
     * A late step catches up, so stalls shorter than the burst allowance leave the cluster's rate where it was meant to
     * be: the estimator judges a cluster by its send rate, and one that slid at every late step proved a fraction of
     * its target.
     */
    @ParameterizedTest(name = "every step {0} ms late")
    @ValueSource(longs = {3, 8, 14})
    void lateStepsCatchUpSoTheClusterKeepsItsRate(long lateMs) {
        long interval = 733_333L; // 3 Mbit/s of 275-byte probes
        int count = 66;
        ProbePacing pacing = new ProbePacing(count, interval, MAX_BURST);
        long now = 1_000 * MS;
        long first = -1;
        long last = now;
        while (!pacing.done()) {
            int due = pacing.due(now);
            if (due > 0) {
                first = first < 0 ? now : first;
                last = now;
            }
            pacing.sent(due);
            now += pacing.nanosToNextStep(now) + lateMs * MS;
        }
        long scheduledSpan = (count - 1) * interval;
        assertTrue(last - first <= scheduledSpan + (lateMs + 1) * MS, "sent over " + (last - first) / 1e6
                + " ms, scheduled " + scheduledSpan / 1e6 + " ms, steps " + lateMs + " ms late");
    }

    @org.junit.jupiter.api.Test
    void aStallLongerThanTheAllowanceSlidesTheRestInsteadOfBurstingIt() {
        long interval = 733_333L;
        ProbePacing pacing = new ProbePacing(66, interval, MAX_BURST);
        long now = 1_000 * MS;
        pacing.sent(pacing.due(now));
        now += 200 * MS; // far past the whole cluster's 48 ms schedule
        int burst = pacing.due(now);
        assertTrue(burst <= MAX_BURST, burst + " packets at once after a 200 ms stall");
        assertTrue(burst >= MAX_BURST - 1, "a stall catches up with the burst allowance: " + burst);
    }

    @ParameterizedTest(name = "stopped after {0}")
    @ValueSource(ints = {0, 1, 10})
    void aStoppedCarrierEndsTheClusterWithWhatWentOut(int before) {
        ProbePacing pacing = new ProbePacing(66, 733_333L, MAX_BURST);
        pacing.due(0);
        pacing.sent(before);
        pacing.truncate();
        assertTrue(pacing.done());
        assertEquals(before, pacing.sent());
    }
}
