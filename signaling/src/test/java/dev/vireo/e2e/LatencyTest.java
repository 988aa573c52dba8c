package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.gson.JsonObject;

import dev.vireo.agent.source.ClockBarcode;

/**
 * Glass-to-glass latency (issues 5 and 6), read from the wall clock drawn as a barcode into the video and decoded
 * frame by frame in headless Chromium. Figures are printed; only "under one second" is asserted. The comparison
 * with the direct baseline and the goals belong to {@code ./vireo bench latency} (docs/benchmarks.md).
 */
class LatencyTest {
    private static final int SECONDS = 10;
    /**
     * 30 fps sent; at load average 45 on 2 cores the page decoded 9-10 fps, at 92 the direct pair only 4.7 fps. A
     * p95 needs a few dozen samples: 30 (3 fps) for an asserted figure.
     */
    private static final int MIN_SAMPLES = SECONDS * 3;
    /** The baseline is printed, not asserted; it must only show that it ran and decoded. */
    private static final int MIN_BASELINE_SAMPLES = 10;
    private static final double MAX_FAILURE_RATE = 0.05;

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @RegisterExtension
    final BrowserFleet browsers = new BrowserFleet();

    /** The page's encoder is the capture agent's: one layout, so one decoder reads both. */
    @Test
    void pageBarcodeMatchesTheAgentsBarcode() {
        ChromiumBrowser browser = browsers.launchOne("barcode-check");
        browser.open(server.baseUrl() + "/latency/index.html");
        for (long t : new long[] {0, 5, 42, 1_795_252_950_486L, (1L << ClockBarcode.BITS) - 1}) {
            List<?> page = (List<?>) browser.js(
                    "return import('/latency/barcode.js').then(m => m.encode(arguments[0]))", t);
            List<Boolean> agent = new ArrayList<>();
            for (boolean b : ClockBarcode.encode(t)) {
                agent.add(b);
            }
            assertEquals(agent, page, "blocks for " + t);
            Object back = browser.js("return import('/latency/barcode.js').then(m => m.decode(arguments[0]))", page);
            assertEquals(t, ((Number) back).longValue(), "decoded " + t);
        }
    }

    /** The default "via Vireo" path: the page publishes with WHIP into a stream and watches it with WHEP. */
    @Test
    void viaWhipAndWhepStaysUnderOneSecondBesideTheDirectBaseline() {
        JsonObject stream = new StreamsApi(server.get()).create("latency e2e", true);
        LatencyPage page = new LatencyPage(browsers.launchOne("latency"), server.baseUrl());
        LatencyPage.Summary direct = page.run("direct", null, null, SECONDS);
        LatencyPage.Summary vireo = page.run("vireo", stream.get("room").getAsString(), null, SECONDS,
                LatencyPage.VIA_WHIP, stream.get("publishToken").getAsString());
        System.out.println("glass-to-glass " + direct + "; WHIP/WHEP " + vireo + "; load average "
                + LoadAverage.read());
        assertPlausible(direct, MIN_BASELINE_SAMPLES);
        assertPlausible(vireo, MIN_SAMPLES);
        assertEquals(1280, vireo.width(), vireo.toString());
        assertTrue(vireo.p95() < 1000, "via Vireo (WHIP/WHEP) p95 not under one second: " + vireo);
    }

    /** The other transport: Vireo's own signaling (via-vireo.js, the web client's Publisher and Subscriber). */
    @Test
    void viaSignalingStaysUnderOneSecond() {
        LatencyPage page = new LatencyPage(browsers.launchOne("latency-signaling"), server.baseUrl());
        LatencyPage.Summary vireo = page.run("vireo", "latency-e2e", null, SECONDS);
        System.out.println("glass-to-glass signaling " + vireo + "; load average " + LoadAverage.read());
        assertPlausible(vireo, MIN_SAMPLES);
        assertTrue(vireo.p95() < 1000, "via Vireo (signaling) p95 not under one second: " + vireo);
    }

    /** The agent publishes with WHIP into a stream ({@code --whip URL --token T}); the page watches with WHEP. */
    @Test
    void captureAgentThroughVireoStaysUnderOneSecond() {
        JsonObject stream = new StreamsApi(server.get()).create("latency agent", true);
        String room = stream.get("room").getAsString();
        try (AgentProcess agent = AgentProcess.start("--whip", stream.get("whipUrl").getAsString(),
                "--token", stream.get("publishToken").getAsString(),
                // 640x360, not 720p: at load average 63 the agent's 720p encode fell behind (p95 1979 ms, 69 frames
                // in 10 s) while the same run's browser paths stayed near 100 ms. ./vireo bench latency --source
                // agent measures 720p.
                "--name", "latency-camera", "--source", "test-pattern", "--size", "640x360", "--fps", "30")) {
            agent.awaitPublishing(0, Duration.ofSeconds(30));
            LatencyPage page = new LatencyPage(browsers.launchOne("agent-viewer"), server.baseUrl());
            LatencyPage.Summary viaAgent;
            try {
                viaAgent = page.run("watch", room, null, SECONDS, LatencyPage.VIA_WHIP, null);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + agent.output(), e);
            }
            System.out.println("glass-to-glass agent -WHIP-> Vireo -WHEP-> Chromium " + viaAgent + "; load average "
                    + LoadAverage.read());
            assertPlausible(viaAgent, MIN_SAMPLES);
            assertEquals(640, viaAgent.width(), viaAgent.toString());
            assertTrue(viaAgent.p95() < 1000, "agent via Vireo p95 not under one second: " + viaAgent);
        }
    }

    /** Enough frames decoded, few failures, and times that are latencies (not garbage that passed the parity). */
    private static void assertPlausible(LatencyPage.Summary s, int minSamples) {
        assertTrue(s.samples() >= minSamples, "too few decoded frames: " + s);
        assertTrue(s.failureRate() <= MAX_FAILURE_RATE, "too many decode failures: " + s);
        assertTrue(s.p50() > 0 && s.max() < 60_000, "not a latency: " + s);
    }
}
