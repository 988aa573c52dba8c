package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Role;
import dev.vireo.e2e.MediaChecks.Expectation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Simulcast signalled the legacy way, by SSRC (a=ssrc-group:SIM, each layer's RTX in an a=ssrc-group:FID), as
 * libwebrtc-based native clients and older SFU clients publish it: Chromium, its offer munged that way, publishes three
 * layers over WHIP into a meeting room, and a subscriber's tile size picks the layer it decodes, as with rids.
 */
class SsrcSimulcastTest {
    private static final String ROOM = "ssrc-simulcast";
    private static final Duration JOIN = Duration.ofSeconds(15);
    private static final Duration FIRST_MEDIA = Duration.ofSeconds(20);
    private static final int SMALL_TILE = 240;
    private static final int LARGE_TILE = 1200;

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @Test
    void ssrcSignalledLayersAreForwardedByTileSize() {
        List<ChromiumBrowser> browsers = fleet.launch("sim-publisher", "bob");
        ChromiumBrowser publisher = browsers.get(0);
        publisher.open(server.baseUrl() + "/streams");
        String token = server.get().tokens().issue(new AccessToken(ROOM, "sim-publisher", "Legacy client", Role.HOST,
                Instant.now().plusSeconds(600)));
        Object location = publisher.jsResource("bare-whip-publish.js", server.baseUrl() + "/whip/" + ROOM, token,
                "ssrc");
        assertTrue(String.valueOf(location).startsWith("/whip/" + ROOM + "/"), "WHIP answered " + location);
        // Chromium encodes one layer per SIM SSRC: three outbound video streams (the upper ones start once its
        // bandwidth estimate allows them).
        Poll.until("the publisher sending three SSRC-signalled layers", FIRST_MEDIA, () -> {
            List<?> ssrcs = (List<?>) publisher.js("return (async () => { const out = [];"
                    + " (await window.__whip.pc.getStats()).forEach(s => { if (s.type === 'outbound-rtp'"
                    + " && s.kind === 'video' && s.packetsSent > 0) out.push(s.ssrc); }); return out; })()");
            return ssrcs.size() == 3 ? ssrcs : null;
        }, () -> String.valueOf(publisher.js("return window.__whip && window.__whip.pc.localDescription.sdp")));

        String sim = String.valueOf(publisher.js("return window.__whip.pc.localDescription.sdp.split('\\r\\n')"
                + ".find(l => l.startsWith('a=ssrc-group:SIM'))"));
        System.out.println("SSRC-signalled simulcast, publisher " + sim + ", sending (ssrc=width): " + publisher.js(
                "return (async () => { const w = []; (await window.__whip.pc.getStats()).forEach(s => {"
                        + " if (s.type === 'outbound-rtp' && s.kind === 'video') w.push(s.ssrc + '=' + s.frameWidth);"
                        + " }); return w.join(' '); })()"));

        ChromiumBrowser bobBrowser = browsers.get(1);
        bobBrowser.open(server.joinUrl(ROOM, "bob", "&audio=0&video=0"));
        VireoPage bob = new VireoPage(bobBrowser, fleet::diagnostics);
        String bobId = bob.awaitJoined(JOIN);
        String publisherId = Poll.until("bob seeing the WHIP publisher's tile", JOIN, () -> bob.tileIds().stream()
                .filter(id -> !id.equals(bobId)).findFirst().orElse(null), bob::state);
        MediaChecks.awaitFirstVideo(List.of(new Expectation(bob, publisherId, "sim-publisher")), FIRST_MEDIA);
        assertEquals(Boolean.TRUE, bobBrowser.jsResource("frame-watch.js", publisherId), "no video element to watch");

        SimulcastTest.resize(bob, publisherId, SMALL_TILE);
        SimulcastTest.awaitDecodedWidth(bob, publisherId, 320);
        SimulcastTest.resize(bob, publisherId, LARGE_TILE);
        SimulcastTest.awaitDecodedWidth(bob, publisherId, 1280);
        SimulcastTest.resize(bob, publisherId, SMALL_TILE);
        SimulcastTest.awaitDecodedWidth(bob, publisherId, 320);
        Map<?, ?> watch = (Map<?, ?>) bobBrowser.jsResource("frame-watch-read.js", false);
        System.out.println("SSRC-signalled simulcast, frame sizes bob presented: " + watch.get("changes"));
    }
}
