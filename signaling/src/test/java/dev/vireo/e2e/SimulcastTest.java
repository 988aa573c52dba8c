package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.vireo.e2e.MediaChecks.Expectation;
import dev.vireo.e2e.WebRtcStats.Inbound;
import dev.vireo.e2e.WebRtcStats.Outbound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Simulcast through the real server, judged by what Chromium decodes: a publisher sends q/h/f (320x180, 640x360,
 * 1280x720); a receive-only subscriber gets the layer its tile needs and switches without freezing, a tile out of view
 * receives nothing, and the publisher stops encoding the 720p layer while nobody watches it (dynacast).
 */
class SimulcastTest {
    private static final String ROOM = "simulcast";
    private static final Duration JOIN = Duration.ofSeconds(15);
    private static final Duration FIRST_MEDIA = Duration.ofSeconds(15);
    private static final Duration SWITCH = Duration.ofSeconds(10);
    private static final Duration DYNACAST = Duration.ofSeconds(10);
    private static final int SMALL_TILE = 240;
    private static final int LARGE_TILE = 1200;
    private static final int SWITCHES = 10;
    private static final long MAX_FRAME_GAP_MS = 500;

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @Test
    void tileSizeChoosesTheLayerSwitchesDoNotFreezeHiddenTilesGetNothingUnwatchedLayersPause() {
        List<ChromiumBrowser> browsers = fleet.launch("alice", "bob");
        ChromiumBrowser aliceBrowser = browsers.get(0);
        ChromiumBrowser bobBrowser = browsers.get(1);
        aliceBrowser.open(server.joinUrl(ROOM, "alice", "&audio=0"));
        VireoPage alice = new VireoPage(aliceBrowser, fleet::diagnostics);
        String aliceId = alice.awaitJoined(JOIN);
        Poll.until("alice sending three simulcast layers", FIRST_MEDIA, () -> {
            List<Outbound> out = WebRtcStats.outbound(aliceBrowser);
            return out.stream().filter(o -> "video".equals(o.kind()) && !o.rid().isEmpty()).count() == 3 ? out : null;
        }, () -> "outbound: " + WebRtcStats.outbound(aliceBrowser));

        bobBrowser.open(server.joinUrl(ROOM, "bob", "&audio=0&video=0"));
        VireoPage bob = new VireoPage(bobBrowser, fleet::diagnostics);
        bob.awaitJoined(JOIN);
        Expectation bobFromAlice = new Expectation(bob, aliceId, "alice");
        MediaChecks.awaitFirstVideo(List.of(bobFromAlice), FIRST_MEDIA);
        assertEquals(Boolean.TRUE, bobBrowser.jsResource("frame-watch.js", aliceId), "no video element to watch");

        // A small tile decodes the 320x180 layer.
        resize(bob, aliceId, SMALL_TILE);
        awaitDecodedWidth(bob, aliceId, 320);

        // Nobody watches 720p: after the dynacast delay the publisher's f encoding is inactive.
        awaitLayerActive(aliceBrowser, "f", false);

        // The tile grows: the f layer comes back and is decoded at 1280x720; then back to 320x180.
        resize(bob, aliceId, LARGE_TILE);
        awaitLayerActive(aliceBrowser, "f", true);
        awaitDecodedWidth(bob, aliceId, 1280);
        resize(bob, aliceId, SMALL_TILE);
        awaitDecodedWidth(bob, aliceId, 320);

        // Ten switches in a row: no frame gap over 500 ms, no freeze, no decoder asking for a keyframe.
        Inbound before = video(bob, aliceId);
        bobBrowser.jsResource("frame-watch-read.js", true);
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < SWITCHES; i++) {
            int width = i % 2 == 0 ? 1280 : 320;
            long requestedAt = resize(bob, aliceId, width == 1280 ? LARGE_TILE : SMALL_TILE);
            latencies.add(awaitDecodedWidth(bob, aliceId, width) - requestedAt);
            Poll.sleep(Duration.ofMillis(700));
        }
        Map<?, ?> watch = (Map<?, ?>) bobBrowser.jsResource("frame-watch-read.js", false);
        Inbound after = video(bob, aliceId);
        long maxGap = ((Number) watch.get("maxGap")).longValue();
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.println(String.format(Locale.ROOT, "SIMULCAST SWITCH: %d switches, tile resize to first decoded"
                        + " frame of the new layer (ms): %s; p50 %d max %d; largest frame gap %d ms; freezes %d (%d ms);"
                        + " PLIs from the subscriber %d; keyframes decoded %d",
                SWITCHES, latencies, sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), maxGap,
                after.freezeCount() - before.freezeCount(), after.freezesMs() - before.freezesMs(),
                after.pliCount() - before.pliCount(), after.keyFramesDecoded() - before.keyFramesDecoded()));
        assertTrue(maxGap <= MAX_FRAME_GAP_MS, "a frame gap of " + maxGap + " ms during the switches; " + after);
        long freezes = after.freezeCount() - before.freezeCount();
        assertTrue(after.freezesMs() - before.freezesMs() <= freezes * MAX_FRAME_GAP_MS,
                "freezes over " + MAX_FRAME_GAP_MS + " ms during the switches: " + before + " -> " + after);
        assertEquals(before.pliCount(), after.pliCount(), "the decoder asked for keyframes: " + after);
        assertTrue(after.keyFramesDecoded() - before.keyFramesDecoded() >= SWITCHES,
                "each switch starts at a keyframe: " + before + " -> " + after);

        // Scrolled out of view: nothing arrives; back in view: it plays again.
        bobBrowser.jsResource("tile-size.js", aliceId, 0, 2000);
        Poll.sleep(Duration.ofMillis(1500));
        long stoppedAt = video(bob, aliceId).bytesReceived();
        Poll.sleep(Duration.ofMillis(2000));
        Inbound hidden = video(bob, aliceId);
        assertTrue(hidden.bytesReceived() - stoppedAt < 2000,
                "a tile out of view still receives video: " + stoppedAt + " -> " + hidden.bytesReceived() + " bytes");
        resize(bob, aliceId, SMALL_TILE);
        Poll.until("video from alice again once the tile is back in view", SWITCH, () -> {
            Inbound now = video(bob, aliceId);
            return now.framesDecoded() > hidden.framesDecoded() + 10 ? now : null;
        }, () -> MediaChecks.inboundSummary(bob));
        System.out.println("SIMULCAST HIDDEN TILE: bytes " + stoppedAt + " -> " + hidden.bytesReceived()
                + " over 2 s out of view; resumed at " + video(bob, aliceId).frameWidth() + " px");
    }

    /** Sets the tile's CSS width; returns the page's wall clock at the change. */
    static long resize(VireoPage page, String participantId, int width) {
        Object at = page.browser().jsResource("tile-size.js", participantId, width, 0);
        long millis = ((Number) at).longValue();
        assertTrue(millis > 0, "no tile for " + participantId);
        return millis;
    }

    private static Inbound video(VireoPage page, String senderId) {
        Optional<Inbound> in = WebRtcStats.video(WebRtcStats.inbound(page.browser()), senderId);
        return in.orElseThrow(() -> new AssertionError("no inbound video from " + senderId + ": "
                + MediaChecks.inboundSummary(page)));
    }

    /** Waits until the tile presents frames of {@code width}; returns the page time of the first such frame. */
    static long awaitDecodedWidth(VireoPage page, String senderId, int width) {
        long since = System.currentTimeMillis() - 100;
        return Poll.until(page.label() + " decoding " + width + " px video from " + senderId, SWITCH, () -> {
            Map<?, ?> watch = (Map<?, ?>) page.browser().jsResource("frame-watch-read.js", false);
            if (watch == null || ((Number) watch.get("width")).intValue() != width) {
                return null;
            }
            List<?> changes = (List<?>) watch.get("changes");
            Map<?, ?> last = (Map<?, ?>) changes.get(changes.size() - 1);
            return ((Number) last.get("at")).longValue();
        }, () -> "frames: " + page.browser().jsResource("frame-watch-read.js", false) + "\n"
                + MediaChecks.inboundSummary(page));
    }

    private static void awaitLayerActive(ChromiumBrowser publisher, String rid, boolean active) {
        Poll.until("the publisher's " + rid + " encoding " + (active ? "active" : "inactive"), DYNACAST, () -> {
            for (Outbound o : WebRtcStats.outbound(publisher)) {
                if (rid.equals(o.rid()) && o.active() == active) {
                    return o;
                }
            }
            return null;
        }, () -> "outbound: " + WebRtcStats.outbound(publisher) + "\nsignaling: " + publisher.signalingTrace(10));
    }
}
