package dev.vireo.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vireo.e2e.WebRtcStats.Inbound;

/**
 * Assertions on what a receiving browser actually decoded, per sending participant. "Flowing" always means two
 * samples apart with the counter rising: a stream that decoded once and froze does not pass.
 */
final class MediaChecks {
    static final Duration SAMPLE_GAP = Duration.ofMillis(1200);

    private MediaChecks() {
    }

    /** Who should be heard/seen by whom. */
    record Expectation(VireoPage receiver, String senderId, String senderLabel) {
    }

    /** Waits until every receiver has a decoded video frame from every sender it should see. */
    static void awaitFirstVideo(List<Expectation> expected, Duration timeout) {
        for (Expectation e : expected) {
            Poll.until(e.receiver().label() + " decoding video from " + e.senderLabel(), timeout,
                    () -> WebRtcStats.video(WebRtcStats.inbound(e.receiver().browser()), e.senderId())
                            .filter(s -> s.framesDecoded() > 0).orElse(null),
                    () -> inboundSummary(e.receiver()));
        }
    }

    /** Waits until every receiver gets audio bytes from every sender it should hear. */
    static void awaitFirstAudio(List<Expectation> expected, Duration timeout) {
        for (Expectation e : expected) {
            Poll.until(e.receiver().label() + " receiving audio from " + e.senderLabel(), timeout,
                    () -> WebRtcStats.audio(WebRtcStats.inbound(e.receiver().browser()), e.senderId())
                            .filter(s -> s.bytesReceived() > 0).orElse(null),
                    () -> inboundSummary(e.receiver()));
        }
    }

    /** How long a pair may show no progress before it counts as not flowing. */
    static final Duration FLOW_WINDOW = Duration.ofSeconds(5);

    /**
     * Samples all pairs, then samples again every {@link #SAMPLE_GAP} until every pair's video framesDecoded (and audio
     * bytes if asked) has risen, or {@link #FLOW_WINDOW} has passed. A decoder starved of CPU for a moment on this
     * 2-core machine (three or four Chromiums encoding 720p) still passes; a stream that stopped does not.
     */
    static void assertFlowing(List<Expectation> expected, boolean video, boolean audio) {
        Map<Expectation, List<Inbound>> first = sampleAll(expected);
        long deadline = System.nanoTime() + FLOW_WINDOW.toNanos();
        List<String> problems;
        Map<Expectation, List<Inbound>> second;
        do {
            Poll.sleep(SAMPLE_GAP);
            second = sampleAll(expected);
            problems = stalled(expected, first, second, video, audio);
        } while (!problems.isEmpty() && System.nanoTime() < deadline);
        if (!problems.isEmpty()) {
            StringBuilder msg = new StringBuilder("media not flowing for " + FLOW_WINDOW.toSeconds() + " s:\n");
            problems.forEach(p -> msg.append("  ").append(p).append('\n'));
            Map<String, List<Inbound>> byReceiver = new LinkedHashMap<>();
            second.forEach((e, streams) -> byReceiver.put(e.receiver().label(), streams));
            byReceiver.forEach((who, streams) -> msg.append("  ").append(who).append(" inbound: ")
                    .append(streams).append('\n'));
            throw new AssertionError(msg.toString());
        }
    }

    /** The pairs whose counters did not rise between the two samples, described. */
    private static List<String> stalled(List<Expectation> expected, Map<Expectation, List<Inbound>> first,
                                        Map<Expectation, List<Inbound>> second, boolean video, boolean audio) {
        List<String> problems = new ArrayList<>();
        for (Expectation e : expected) {
            String pair = e.receiver().label() + " <- " + e.senderLabel() + " (" + e.senderId() + ")";
            if (video) {
                Optional<Inbound> was = WebRtcStats.video(first.get(e), e.senderId());
                Optional<Inbound> is = WebRtcStats.video(second.get(e), e.senderId());
                long before = was.map(Inbound::framesDecoded).orElse(0L);
                long after = is.map(Inbound::framesDecoded).orElse(0L);
                if (after <= before) {
                    problems.add(pair + ": video framesDecoded " + before + " -> " + after + ", packets "
                            + was.map(Inbound::packetsReceived).orElse(0L) + " -> "
                            + is.map(Inbound::packetsReceived).orElse(0L) + "; before " + was.map(Inbound::detail)
                            .orElse("-") + "; after " + is.map(Inbound::detail).orElse("-"));
                }
            }
            if (audio) {
                long before = WebRtcStats.audio(first.get(e), e.senderId()).map(Inbound::bytesReceived).orElse(0L);
                long after = WebRtcStats.audio(second.get(e), e.senderId()).map(Inbound::bytesReceived).orElse(0L);
                if (after <= before) {
                    problems.add(pair + ": audio bytesReceived " + before + " -> " + after);
                }
            }
        }
        return problems;
    }

    /**
     * Waits until each receiver decodes the sender's video at {@code width} and the sender is sending that width,
     * so the comparison is against what the sender actually encoded.
     */
    static void awaitDecodedWidth(List<Expectation> expected, Map<String, ChromiumBrowser> senders, int width,
                                  Duration timeout) {
        for (Expectation e : expected) {
            ChromiumBrowser sender = senders.get(e.senderId());
            Poll.until(e.receiver().label() + " decoding " + e.senderLabel() + " at the width it sends, " + width,
                    timeout, Duration.ofMillis(250), () -> {
                        Optional<Inbound> in = WebRtcStats.video(WebRtcStats.inbound(e.receiver().browser()),
                                e.senderId());
                        int sent = WebRtcStats.sentVideoWidth(sender);
                        return in.isPresent() && in.get().frameWidth() == sent && sent == width ? sent : null;
                    },
                    () -> "received: " + WebRtcStats.video(WebRtcStats.inbound(e.receiver().browser()), e.senderId())
                            + "\nsender outbound: " + WebRtcStats.outbound(sender));
        }
    }

    /** The simulcast layers the web client publishes from a 720p camera, as (width, height), lowest first. */
    private static final int[][] LAYERS = {{320, 180}, {640, 360}, {1280, 720}};

    /**
     * Waits until each receiver decodes the sender's video at the simulcast layer its tile calls for: the smallest
     * layer whose width or height covers the tile's rendered size (device pixels), as the server's allocator picks.
     */
    static void awaitDecodedLayerForTile(List<Expectation> expected, Map<String, ChromiumBrowser> senders,
                                         Duration timeout) {
        for (Expectation e : expected) {
            ChromiumBrowser sender = senders.get(e.senderId());
            Poll.until(e.receiver().label() + " decoding " + e.senderLabel() + " at the layer its tile calls for",
                    timeout, Duration.ofMillis(250), () -> {
                        int want = layerWidthForTile(e.receiver(), e.senderId());
                        Optional<Inbound> in = WebRtcStats.video(WebRtcStats.inbound(e.receiver().browser()),
                                e.senderId());
                        return want > 0 && in.isPresent() && in.get().frameWidth() == want ? want : null;
                    },
                    () -> "tile wants " + layerWidthForTile(e.receiver(), e.senderId()) + " px; received: "
                            + WebRtcStats.video(WebRtcStats.inbound(e.receiver().browser()), e.senderId())
                            + "\nsender outbound: " + WebRtcStats.outbound(sender));
        }
    }

    private static int layerWidthForTile(VireoPage page, String senderId) {
        Object size = page.browser().js("const t = document.querySelector(arguments[0]); if (!t) return null;"
                + " const r = t.getBoundingClientRect(), d = window.devicePixelRatio || 1;"
                + " return [Math.round(r.width * d), Math.round(r.height * d)];", VireoPage.tileSelector(senderId));
        if (!(size instanceof List<?> wh) || wh.size() != 2) {
            return -1;
        }
        int w = ((Number) wh.get(0)).intValue();
        int h = ((Number) wh.get(1)).intValue();
        for (int[] layer : LAYERS) {
            if (layer[0] >= w || layer[1] >= h) {
                return layer[0];
            }
        }
        return LAYERS[LAYERS.length - 1][0];
    }

    static String inboundSummary(VireoPage page) {
        try {
            return page.label() + " inbound-rtp: " + WebRtcStats.inbound(page.browser())
                    + "\n" + page.label() + " page: " + page.browser().jsResource("page-state.js");
        } catch (RuntimeException e) {
            return page.label() + ": " + e;
        }
    }

    private static Map<Expectation, List<Inbound>> sampleAll(List<Expectation> expected) {
        Map<VireoPage, List<Inbound>> byReceiver = new LinkedHashMap<>();
        Map<Expectation, List<Inbound>> out = new LinkedHashMap<>();
        for (Expectation e : expected) {
            out.put(e, byReceiver.computeIfAbsent(e.receiver(), r -> WebRtcStats.inbound(r.browser())));
        }
        return out;
    }
}
