package dev.vireo.sfu.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Level sequences as the SFU sees them: one tick every 200 ms, 10 audio packets per tick (Opus at 20 ms), each
 * participant's RFC 6464 level per tick written as runs "LEVELxTICKS" ("20x25 127x10": -20 dBov for 5 s, then 2 s of
 * silence). "talk" is a speech-like run: syllables at -18/-25 dBov with a silent gap every third tick.
 */
class DominantSpeakerDetectorTest {
    private static final long TICK = 200_000_000L;
    private static final int PACKETS = 10;

    /** Who is dominant after each tick. */
    private static List<String> run(Map<String, String> script) {
        Map<String, int[]> levels = new LinkedHashMap<>();
        int ticks = 0;
        for (Map.Entry<String, String> e : script.entrySet()) {
            int[] seq = expand(e.getValue());
            levels.put(e.getKey(), seq);
            ticks = Math.max(ticks, seq.length);
        }
        DominantSpeakerDetector d = new DominantSpeakerDetector(DominantSpeakerDetector.Settings.DEFAULT);
        List<String> out = new ArrayList<>();
        long now = 1_000_000_000_000L; // any origin: only differences count
        for (int t = 0; t < ticks; t++) {
            now += TICK;
            List<DominantSpeakerDetector.Sample> samples = new ArrayList<>();
            for (Map.Entry<String, int[]> e : levels.entrySet()) {
                int[] seq = e.getValue();
                int level = t < seq.length ? seq[t] : 127;
                samples.add(new DominantSpeakerDetector.Sample(e.getKey(), PACKETS, (long) PACKETS * (127 - level)));
            }
            d.update(samples, now);
            out.add(d.dominant());
        }
        return out;
    }

    private static int[] expand(String runs) {
        List<Integer> out = new ArrayList<>();
        for (String run : runs.trim().split("\\s+")) {
            String[] p = run.split("x");
            int n = Integer.parseInt(p[1]);
            for (int i = 0; i < n; i++) {
                if (p[0].equals("talk")) {
                    int phase = out.size() % 3;
                    out.add(phase == 0 ? 18 : phase == 1 ? 25 : 127);
                } else {
                    out.add(Integer.parseInt(p[0]));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Index of the first tick at which {@code who} is dominant at or after {@code from}, -1 if never. */
    private static int firstTick(List<String> dominant, String who, int from) {
        for (int i = from; i < dominant.size(); i++) {
            if (who.equals(dominant.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int changes(List<String> dominant) {
        int n = 0;
        String last = null;
        for (String d : dominant) {
            if (d != null && !d.equals(last)) {
                n++;
            }
            last = d;
        }
        return n;
    }

    static Stream<Arguments> scripts() {
        return Stream.of(
                // name, script (a, b, c), expected dominant at the end, latest tick by which it must be dominant,
                // most changes of dominant speaker allowed
                Arguments.of("one speaker", "20x40", "127x40", "127x40", "a", 5, 1),
                Arguments.of("one speaker, speech-like", "talkx40", "127x40", "127x40", "a", 6, 1),
                Arguments.of("speaker among noise at -70 dBov", "20x40", "70x40", "70x40", "a", 5, 1),
                Arguments.of("hand-over a to b", "20x25 127x25", "127x25 20x25", "127x50", "b", 25 + 12, 2),
                Arguments.of("hand-over, speech-like", "talkx25 127x25", "127x25 talkx25", "127x50", "b", 25 + 14, 2),
                Arguments.of("b interjects 600 ms, louder", "20x50", "127x20 10x3 127x27", "127x50", "a", 5, 1),
                Arguments.of("two interjections", "20x50", "127x15 15x3 127x10 15x3 127x19", "127x50", "a", 5, 1),
                Arguments.of("silence keeps the last speaker", "20x15 127x60", "127x75", "127x75", "a", 5, 1),
                Arguments.of("a then b then c", "20x25 127x50", "127x25 20x25 127x25", "127x50 20x25", "c",
                        50 + 12, 3),
                Arguments.of("both talk at once: no flapping", "20x60", "127x10 21x50", "127x60", "a", 5, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void scripts(String name, String a, String b, String c, String expected, int byTick, int maxChanges) {
        Map<String, String> script = new LinkedHashMap<>();
        script.put("a", a);
        script.put("b", b);
        script.put("c", c);
        List<String> dominant = run(script);
        assertEquals(expected, dominant.get(dominant.size() - 1), name + ": " + dominant);
        int first = firstTick(dominant, expected, 0);
        assertTrue(first >= 0 && first <= byTick, name + ": " + expected + " dominant from tick " + first
                + ", wanted by " + byTick + ": " + dominant);
        for (int i = first; i < dominant.size(); i++) {
            if (!expected.equals(dominant.get(i))) {
                // only earlier speakers may precede the expected one, never follow it
                assertTrue(false, name + ": " + expected + " lost the floor at tick " + i + ": " + dominant);
            }
        }
        assertTrue(changes(dominant) <= maxChanges, name + ": " + changes(dominant) + " changes: " + dominant);
    }

    @Test
    void handOverTakesBetweenOneAndTwoAndAHalfSeconds() {
        List<String> dominant = run(Map.of("a", "20x25 127x25", "b", "127x25 20x25"));
        int at = firstTick(dominant, "b", 0);
        assertTrue(at - 25 >= 5 && at - 25 <= 12, "b took over " + (at - 25) * 200 + " ms after it started");
    }

    @Test
    void noiseBelowTheFloorNeverMakesASpeaker() {
        List<String> dominant = run(Map.of("a", "60x50", "b", "75x50"));
        for (String d : dominant) {
            assertNull(d, "noise made a speaker: " + dominant);
        }
    }

    @Test
    void noPacketsCountsAsSilence() {
        DominantSpeakerDetector d = new DominantSpeakerDetector(DominantSpeakerDetector.Settings.DEFAULT);
        long now = 0;
        for (int i = 0; i < 20; i++) {
            now += TICK;
            d.update(List.of(new DominantSpeakerDetector.Sample("a", 0, 0),
                    new DominantSpeakerDetector.Sample("b", PACKETS, PACKETS * 107L)), now);
        }
        assertEquals("b", d.dominant());
    }

    @Test
    void theDominantSpeakerLeavingEmptiesTheFloorUntilSomeoneSpeaks() {
        DominantSpeakerDetector d = new DominantSpeakerDetector(DominantSpeakerDetector.Settings.DEFAULT);
        long now = 0;
        for (int i = 0; i < 10; i++) {
            now += TICK;
            assertEquals(i > 0 && d.dominant() != null, d.dominant() != null);
            d.update(List.of(new DominantSpeakerDetector.Sample("a", PACKETS, PACKETS * 107L)), now);
        }
        assertEquals("a", d.dominant());
        d.remove("a");
        assertNull(d.dominant());
        assertEquals(List.of(), d.recentSpeakers());
        now += TICK;
        assertTrue(!d.update(List.of(new DominantSpeakerDetector.Sample("b", PACKETS, 0)), now));
        assertNull(d.dominant());
        for (int i = 0; i < 10; i++) {
            now += TICK;
            d.update(List.of(new DominantSpeakerDetector.Sample("b", PACKETS, PACKETS * 100L)), now);
        }
        assertEquals("b", d.dominant());
    }

    @Test
    void recentSpeakersAreMostRecentFirst() {
        DominantSpeakerDetector d = new DominantSpeakerDetector(DominantSpeakerDetector.Settings.DEFAULT);
        long now = 0;
        for (String who : List.of("a", "b", "c", "a")) {
            for (int i = 0; i < 30; i++) {
                now += TICK;
                d.update(List.of(new DominantSpeakerDetector.Sample(who, PACKETS, PACKETS * 107L)), now);
            }
        }
        assertEquals(List.of("a", "c", "b"), d.recentSpeakers());
    }

    @Test
    void aClockThatDoesNotAdvanceChangesNothing() {
        DominantSpeakerDetector d = new DominantSpeakerDetector(DominantSpeakerDetector.Settings.DEFAULT);
        d.update(List.of(new DominantSpeakerDetector.Sample("a", PACKETS, 0)), 5 * TICK);
        for (int i = 0; i < 20; i++) {
            d.update(List.of(new DominantSpeakerDetector.Sample("a", PACKETS, PACKETS * 120L)), 5 * TICK);
        }
        assertNull(d.dominant(), "no time passed, yet the score rose");
        assertEquals(0.0, d.shortScore("a"));
    }
}
