package dev.vireo.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latency scenario end to end, short: a Vireo child process (from this test's classpath), headless Chromium on
 * the harness page, two alternating rounds of direct and via Vireo (WHIP publish into a stream made over the REST
 * API with the server's generated admin key, WHEP watch). Proves the tool measures; the figures themselves
 * belong to docs/benchmarks.md.
 */
class LatencyBenchTest {
    @Test
    @Timeout(240)
    void browserSourceMeasuresDirectAndViaVireo(@TempDir Path dir) throws Exception {
        String cp = System.getProperty("java.class.path");
        LatencyOptions options = new LatencyOptions("browser", 8, 2, 2, "whip", null, dir.resolve("results"),
                dir.resolve("run"), cp, cp);

        LatencyBench.Run run = LatencyBench.measure(options, "test", ZonedDateTime.now(ZoneOffset.UTC));

        assertEquals(2, run.transports().size());
        for (LatencyBench.Transport t : run.transports()) {
            LatencyFigures f = t.figures();
            // 4 s per transport at 30 fps sent; a loaded machine decodes far fewer, but some must come through.
            assertTrue(f.samples() >= 10, t.name() + ": " + f);
            assertTrue(f.decodeFailures() <= f.samples() / 10, t.name() + ": " + f);
            assertTrue(f.p50() > 0 && f.max() < 60_000, t.name() + " figures are not latencies: " + f);
            assertEquals(2, t.loadAverages().size(), "one load reading per round");
        }
        assertNotNull(run.p95Ratio());
        assertTrue(run.p95Ratio() > 0 && Double.isFinite(run.p95Ratio()), "ratio " + run.p95Ratio());
        String table = LatencyBench.markdown(run);
        assertTrue(table.contains("| direct") && table.contains("| via Vireo (browser -WHIP->"), table);
        assertEquals("whip", run.via());
    }
}
