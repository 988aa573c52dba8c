package dev.vireo.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LatencyFiguresTest {
    @Test
    void nearestRankQuantilesOverPooledSamples() {
        List<Double> ms = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            ms.add((double) i);   // out of order on purpose: the figures sort
        }
        LatencyFigures f = LatencyFigures.of(ms, 3);
        assertEquals(100, f.samples());
        assertEquals(3, f.decodeFailures());
        assertEquals(50, f.p50());
        assertEquals(95, f.p95());
        assertEquals(100, f.max());
        assertEquals(50.5, f.mean(), 1e-9);
    }

    @Test
    void smallSamplesAndNoSamples() {
        assertEquals(7, LatencyFigures.of(List.of(7.0), 0).p95());
        assertEquals(20, LatencyFigures.of(List.of(10.0, 20.0), 0).p95());
        assertEquals(10, LatencyFigures.of(List.of(10.0, 20.0), 0).p50());
        assertTrue(Double.isNaN(LatencyFigures.of(List.of(), 5).p95()));
    }

    @Test
    void ratioIsViaVireoOverDirect() {
        LatencyFigures direct = LatencyFigures.of(List.of(40.0, 50.0), 0);
        LatencyFigures vireo = LatencyFigures.of(List.of(44.0, 55.0), 0);
        assertEquals(1.10, vireo.p95Ratio(direct), 1e-9);
    }

    @Test
    void optionsTable() {
        LatencyOptions d = LatencyOptions.parse(new String[0]);
        assertEquals("browser", d.source());
        assertEquals(20, d.durationSeconds());
        assertEquals(2, d.rounds());
        LatencyOptions a = LatencyOptions.parse(new String[] {"--source", "agent", "--duration", "30", "--rounds", "3"});
        assertEquals("agent", a.source());
        assertEquals(30, a.durationSeconds());
        assertEquals(3, a.rounds());
        assertThrows(IllegalArgumentException.class, () -> LatencyOptions.parse(new String[] {"--source", "camera"}));
        assertThrows(IllegalArgumentException.class, () -> LatencyOptions.parse(new String[] {"--duration", "0"}));
        assertThrows(IllegalArgumentException.class, () -> LatencyOptions.parse(new String[] {"--duration", "x"}));
        assertThrows(IllegalArgumentException.class, () -> LatencyOptions.parse(new String[] {"--duration"}));
        assertThrows(IllegalArgumentException.class, () -> LatencyOptions.parse(new String[] {"--rounds", "5",
                "--duration", "4"}));
        assertThrows(IllegalArgumentException.class, () -> LatencyOptions.parse(new String[] {"--bogus"}));
    }
}
