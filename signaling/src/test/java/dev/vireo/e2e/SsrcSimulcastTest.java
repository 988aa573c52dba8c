package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vireo.e2e.MediaChecks.Expectation;
import dev.vireo.e2e.WebRtcStats.Inbound;
import dev.vireo.e2e.WebRtcStats.Outbound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SSRC-signalled simulcast ({@code a=ssrc-group:SIM}, the legacy form Jitsi Meet used) through the real server: the
 * publisher's page is the ordinary web client with {@code sim-munge.js} installed before its scripts, so its video
 * transceiver has no rids and its offer lists three SSRCs in a SIM group (plus FID groups for RTX); Chromium encodes
 * three layers on them (scaled 1/4, 1/2, 1 by the script: Chromium 156 leaves SIM layers all at the camera's size). The SFU must map the layers by SSRC, not rtp-stream-id: a subscriber with a large tile decodes
 * the top layer (1280x720), one with a small tile the lowest (320x180).
 */
class SsrcSimulcastTest {
    private static final String ROOM = "ssrc-simulcast";
    private static final Duration JOIN = Duration.ofSeconds(15);
    private static final Duration MEDIA = Duration.ofSeconds(20);
    private static final int SMALL_TILE = 240;
    private static final int LARGE_TILE = 1200;

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @Test
    void ssrcGroupSimLayersAreForwardedByTileSize() {
        List<ChromiumBrowser> browsers = fleet.launch("publisher", "large", "small");
        ChromiumBrowser publisher = browsers.get(0);
        publisher.runBeforeEveryPage(ChromiumBrowser.resource("sim-munge.js"));
        publisher.open(server.joinUrl(ROOM, "publisher", "&audio=0"));
        VireoPage publisherPage = new VireoPage(publisher, fleet::diagnostics);
        String publisherId = publisherPage.awaitJoined(JOIN);
        Map<?, ?> munge = (Map<?, ?>) publisher.js("return window.simMunge");
        assertTrue(((Number) munge.get("offersMunged")).intValue() >= 1, "the offer was not munged: " + munge);
        assertEquals(3, ((List<?>) munge.get("ssrcs")).size(), "three SIM SSRCs: " + munge);
        String local = (String) publisher.js("return window.vireo.publishPc.localDescription.sdp");
        assertTrue(local.contains("a=ssrc-group:SIM ") && !local.contains("a=rid:"),
                "the applied description is SSRC-signalled simulcast:\n" + local);
        List<Outbound> layers = Poll.until("the publisher encoding three layers (320, 640, 1280 px)", MEDIA, () -> {
            List<Outbound> video = WebRtcStats.outbound(publisher).stream()
                    .filter(o -> "video".equals(o.kind()) && o.framesEncoded() > 0).toList();
            java.util.Set<Integer> widths = new java.util.TreeSet<>();
            video.forEach(o -> widths.add(o.frameWidth()));
            return video.size() == 3 && widths.equals(java.util.Set.of(320, 640, 1280)) ? video : null;
        }, () -> "outbound: " + WebRtcStats.outbound(publisher));
        System.out.println("SSRC SIMULCAST: publisher layers " + layers);

        VireoPage large = join(browsers.get(1));
        VireoPage small = join(browsers.get(2));
        MediaChecks.awaitFirstVideo(List.of(new Expectation(large, publisherId, "publisher"),
                new Expectation(small, publisherId, "publisher")), MEDIA);
        resize(large, publisherId, LARGE_TILE);
        resize(small, publisherId, SMALL_TILE);
        Inbound top = awaitWidth(large, publisherId, 1280);
        Inbound low = awaitWidth(small, publisherId, 320);
        // Both keep playing on their layers.
        Poll.sleep(Duration.ofSeconds(3));
        Inbound topLater = video(large, publisherId);
        Inbound lowLater = video(small, publisherId);
        System.out.println("SSRC SIMULCAST: large tile " + top + " -> " + topLater + "; small tile " + low + " -> "
                + lowLater);
        assertEquals(1280, topLater.frameWidth(), "large tile: " + topLater);
        assertEquals(320, lowLater.frameWidth(), "small tile: " + lowLater);
        assertTrue(topLater.framesDecoded() - top.framesDecoded() >= 45, "large tile decoding: " + topLater);
        assertTrue(lowLater.framesDecoded() - low.framesDecoded() >= 45, "small tile decoding: " + lowLater);
    }

    private VireoPage join(ChromiumBrowser browser) {
        browser.open(server.joinUrl(ROOM, browser.label(), "&audio=0&video=0"));
        VireoPage page = new VireoPage(browser, fleet::diagnostics);
        page.awaitJoined(JOIN);
        return page;
    }

    private static void resize(VireoPage page, String participantId, int width) {
        Object at = page.browser().jsResource("tile-size.js", participantId, width, 0);
        assertTrue(((Number) at).longValue() > 0, "no tile for " + participantId);
    }

    private static Inbound video(VireoPage page, String senderId) {
        Optional<Inbound> in = WebRtcStats.video(WebRtcStats.inbound(page.browser()), senderId);
        return in.orElseThrow(() -> new AssertionError("no inbound video from " + senderId + ": "
                + MediaChecks.inboundSummary(page)));
    }

    private static Inbound awaitWidth(VireoPage page, String senderId, int width) {
        return Poll.until(page.label() + " decoding " + width + " px video", MEDIA, () -> {
            Inbound in = video(page, senderId);
            return in.frameWidth() == width ? in : null;
        }, () -> MediaChecks.inboundSummary(page));
    }
}
