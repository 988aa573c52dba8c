package dev.vireo.e2e;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The glass-to-glass latency harness page ({@code /latency/index.html}, web-client) in one browser: starts a run
 * and waits for its figures. The page measures; this class only drives it.
 */
final class LatencyPage {
    /** One run's figures, in milliseconds, over the measured frames (after the warm-up). */
    record Summary(String mode, long frames, long samples, long decodeFailures, double p50, double p95, double max,
                   int width, int height) {
        double failureRate() {
            return frames == 0 ? 1 : (double) decodeFailures / frames;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "%s: p50 %.0f ms, p95 %.0f ms, max %.0f ms over %d frames (%d decoded, %d failed) at %dx%d",
                    mode, p50, p95, max, frames, samples, decodeFailures, width, height);
        }
    }

    private static final int WARMUP_SECONDS = 5;

    private final ChromiumBrowser browser;

    LatencyPage(ChromiumBrowser browser, String baseUrl) {
        this.browser = browser;
        browser.open(baseUrl + "/latency/index.html");
        Poll.until("the latency harness to load", Duration.ofSeconds(15),
                () -> Boolean.TRUE.equals(browser.js("return !!window.latencyHarness")) ? true : null,
                browser::diagnostics);
    }

    /** How the page reaches Vireo: {@code /latency/via-whip.js} (WHIP and WHEP) or via-vireo.js (signaling). */
    static final String VIA_WHIP = "/latency/via-whip.js";
    static final String VIA_SIGNALING = "/latency/via-vireo.js";

    /** Runs {@code mode} over the signaling transport; see {@link #run(String, String, String, int, String, String)}. */
    Summary run(String mode, String room, String participantId, int seconds) {
        return run(mode, room, participantId, seconds, VIA_SIGNALING, null);
    }

    /**
     * Runs {@code mode} (direct, vireo, watch) for {@code seconds} after the warm-up through {@code transport}
     * ({@link #VIA_WHIP} needs {@code token}, a publish token for {@code room}) and returns its figures.
     */
    Summary run(String mode, String room, String participantId, int seconds, String transport, String token) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("transport", transport);
        options.put("token", token);
        options.put("mode", mode);
        options.put("room", room);
        options.put("seconds", seconds);
        // After the first decoded frame: the sender's bandwidth estimate ramps up meanwhile.
        options.put("warmup", WARMUP_SECONDS);
        options.put("participantId", participantId);
        browser.js("window.latencyHarness.start(arguments[0])", options);
        Map<?, ?> status = Poll.until("the " + mode + " latency run", Duration.ofSeconds(seconds + WARMUP_SECONDS + 60),
                Duration.ofMillis(500), () -> {
                    Map<?, ?> s = status();
                    return "done".equals(s.get("phase")) || "failed".equals(s.get("phase")) ? s : null;
                }, () -> status() + "\n" + browser.diagnostics());
        if (!"done".equals(status.get("phase"))) {
            throw new AssertionError(mode + " run (" + transport + ") failed: " + status + "\n" + browser.diagnostics());
        }
        Map<?, ?> s = (Map<?, ?>) status.get("summary");
        return new Summary(mode, number(s, "frames").longValue(), number(s, "samples").longValue(),
                number(s, "decodeFailures").longValue(), number(s, "p50").doubleValue(),
                number(s, "p95").doubleValue(), number(s, "max").doubleValue(),
                number(status, "width").intValue(), number(status, "height").intValue());
    }

    Map<?, ?> status() {
        return (Map<?, ?>) browser.js("return window.latencyHarness.status()");
    }

    private static Number number(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n : Double.NaN;
    }
}
