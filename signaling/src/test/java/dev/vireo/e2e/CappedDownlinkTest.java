package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.vireo.e2e.MediaChecks.Expectation;
import dev.vireo.e2e.WebRtcStats.Inbound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Downlink-aware layer choice through the real server: a publisher sends q/h/f simulcast; two receive-only subscribers
 * show it in a large tile. One subscriber's Chromium runs in a network namespace this test creates, and once both
 * play, what the SFU sends into that namespace is shaped to {@value #CAP_KBPS} kbit/s with a token bucket ({@code tc
 * tbf} on the host end of the veth; UDP only, so the WebDriver connection to that browser stays usable). The SFU's
 * transport-cc estimate of that path must fall and the allocator must move that subscriber to a lower layer it can
 * carry, where it keeps decoding without long freezes, while the other subscriber in the same room keeps 1280x720.
 * The SFU sends no probes yet, so once the downlink limit's hold ends it retries the full layer and the estimate has
 * to bring it back down: the test window spans that retry.
 */
class CappedDownlinkTest {
    private static final String ROOM = "capped-downlink";
    private static final int CAP_KBPS = 600;
    private static final Duration JOIN = Duration.ofSeconds(20);
    private static final Duration FIRST_MEDIA = Duration.ofSeconds(20);
    private static final Duration FULL_LAYER = Duration.ofSeconds(20);
    private static final int LARGE_TILE = 1200;
    /** How long the capped subscriber may take to settle on a lower layer. */
    private static final long SETTLE_MS = 20_000;
    /** The window after settling in which both must keep playing (it spans the downlink limit's first hold). */
    private static final long STEADY_MS = 20_000;
    private static final long SAMPLE_MS = 1_000;

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @Test
    void aCappedSubscriberGetsALowerLayerAndKeepsPlayingWhileAnUncappedOneKeeps720p() throws Exception {
        try (NetworkNamespace capped = NetworkNamespace.create();
             VireoTestServer server = VireoTestServer.start(capped.hostAddress(), List.of(capped.subnet()));
             AllocationLog allocations = AllocationLog.attach()) {
            // Camera access needs a secure context; only loopback origins are one by default.
            String secure = "--unsafely-treat-insecure-origin-as-secure=" + server.baseUrl();
            ChromiumBrowser publisher = fleet.adopt(ChromiumBrowser.launch("publisher", null, secure));
            ChromiumBrowser cleanBrowser = fleet.adopt(ChromiumBrowser.launch("clean", null, secure));
            ChromiumBrowser cappedBrowser = fleet.adopt(ChromiumBrowser.launch("capped", capped, secure));

            publisher.open(server.joinUrl(ROOM, "publisher", "&audio=0"));
            VireoPage publisherPage = new VireoPage(publisher, fleet::diagnostics);
            String publisherId = publisherPage.awaitJoined(JOIN);
            Poll.until("the publisher sending three simulcast layers", FIRST_MEDIA, () -> {
                long layers = WebRtcStats.outbound(publisher).stream()
                        .filter(o -> "video".equals(o.kind()) && !o.rid().isEmpty()).count();
                return layers == 3 ? layers : null;
            }, () -> "outbound: " + WebRtcStats.outbound(publisher));

            VireoPage clean = join(cleanBrowser, server);
            VireoPage cappedPage = join(cappedBrowser, server);
            MediaChecks.awaitFirstVideo(List.of(new Expectation(clean, publisherId, "publisher"),
                    new Expectation(cappedPage, publisherId, "publisher")), FIRST_MEDIA);
            resize(clean, publisherId);
            resize(cappedPage, publisherId);
            awaitWidth(clean, publisherId, 1280, FULL_LAYER);
            // Before the cap both get the full layer: the cap, not the tile, is what lowers the capped one.
            awaitWidth(cappedPage, publisherId, 1280, FULL_LAYER);

            allocations.mark();
            capped.capInboundUdp(CAP_KBPS, 12_000, 150);
            long cappedAt = System.currentTimeMillis();
            List<Sample> samples = new ArrayList<>();
            long settledAt = -1;
            while (true) {
                Poll.sleep(Duration.ofMillis(SAMPLE_MS));
                long t = System.currentTimeMillis() - cappedAt;
                samples.add(new Sample(t, video(cappedPage, publisherId), video(clean, publisherId)));
                int width = samples.get(samples.size() - 1).capped().frameWidth();
                if (settledAt < 0 && width > 0 && width < 1280) {
                    settledAt = t;
                }
                if ((settledAt >= 0 && t - settledAt >= STEADY_MS) || (settledAt < 0 && t > SETTLE_MS)) {
                    break;
                }
            }
            String report = "CAPPED DOWNLINK (" + CAP_KBPS + " kbit/s tbf: " + capped.capStatistics()
                    + "), time since the cap:\n  "
                    + String.join("\n  ", samples.stream().map(Sample::toString).toList())
                    + "\nserver allocation decisions (time since the cap):\n  "
                    + String.join("\n  ", allocations.lines());
            System.out.println(report);

            assertTrue(settledAt >= 0, "the capped subscriber still decodes 1280 px " + SETTLE_MS
                    + " ms after the cap\n" + report);
            final long settled = settledAt;
            List<Sample> steady = samples.stream().filter(x -> x.atMs() >= settled).toList();
            Inbound first = steady.get(0).capped();
            Inbound last = steady.get(steady.size() - 1).capped();
            double seconds = (steady.get(steady.size() - 1).atMs() - settled) / 1000.0;
            // Mostly on a lower layer: without probing, the SFU retries the full layer once the downlink limit's
            // hold ends, and the estimate must bring it straight back down.
            long full = steady.stream().filter(x -> x.capped().frameWidth() >= 1280).count();
            assertTrue(full * 4 <= steady.size(), full + " of " + steady.size()
                    + " samples after settling at 1280 px\n" + report);
            assertTrue(last.frameWidth() > 0 && last.frameWidth() < 1280, "the capped subscriber ends at "
                    + last.frameWidth() + " px\n" + report);
            // It keeps playing: a good frame rate overall, no stall over two samples (the retry of the full layer
            // costs about one), freezes a small share of the time.
            long decoded = last.framesDecoded() - first.framesDecoded();
            assertTrue(decoded >= seconds * 15, "the capped subscriber decoded only " + decoded + " frames in "
                    + seconds + " s\n" + report);
            for (int i = 2; i < steady.size(); i++) {
                assertTrue(steady.get(i).capped().framesDecoded() > steady.get(i - 2).capped().framesDecoded(),
                        "the capped subscriber decoded nothing from " + steady.get(i - 2).atMs() + " to "
                                + steady.get(i).atMs() + " ms\n" + report);
            }
            long frozenMs = last.freezesMs() - first.freezesMs();
            assertTrue(frozenMs <= seconds * 1000 * 0.2, "the capped subscriber froze for " + frozenMs + " ms in "
                    + seconds + " s\n" + report);

            // The uncapped subscriber in the same room never left 720p and kept playing at full rate.
            for (Sample x : samples) {
                assertEquals(1280, x.clean().frameWidth(), "the uncapped subscriber at " + x + "\n" + report);
            }
            Inbound cleanFirst = samples.get(0).clean();
            Inbound cleanLast = samples.get(samples.size() - 1).clean();
            double allSeconds = (samples.get(samples.size() - 1).atMs() - samples.get(0).atMs()) / 1000.0;
            assertTrue(cleanLast.framesDecoded() - cleanFirst.framesDecoded() >= allSeconds * 20,
                    "the uncapped subscriber decoded too few frames\n" + report);
            // Chromium counts a gap of ~200 ms as a freeze; on this shared 2-core machine three such gaps were
            // seen on the clean path with no loss at all, so the bound is for long stalls.
            assertTrue(cleanLast.freezesMs() - cleanFirst.freezesMs() <= 1000,
                    "the uncapped subscriber froze: " + cleanFirst + " -> " + cleanLast);
        }
    }

    /** Both subscribers' video at {@code atMs} after the cap. */
    private record Sample(long atMs, Inbound capped, Inbound clean) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%5.1fs capped %dx%d decoded %d freezes %d (%d ms) | clean %dx%d"
                            + " decoded %d", atMs / 1000.0, capped.frameWidth(), capped.frameHeight(),
                    capped.framesDecoded(), capped.freezeCount(), capped.freezesMs(), clean.frameWidth(),
                    clean.frameHeight(), clean.framesDecoded());
        }
    }

    private VireoPage join(ChromiumBrowser browser, VireoTestServer server) {
        browser.open(server.joinUrl(ROOM, browser.label(), "&video=0&audio=0"));
        VireoPage page = new VireoPage(browser, fleet::diagnostics);
        page.awaitJoined(JOIN);
        return page;
    }

    private static void resize(VireoPage page, String participantId) {
        Object at = page.browser().jsResource("tile-size.js", participantId, LARGE_TILE, 0);
        assertTrue(((Number) at).longValue() > 0, "no tile for " + participantId);
    }

    private static Inbound video(VireoPage page, String senderId) {
        Optional<Inbound> in = WebRtcStats.video(WebRtcStats.inbound(page.browser()), senderId);
        return in.orElseThrow(() -> new AssertionError("no inbound video from " + senderId + ": "
                + MediaChecks.inboundSummary(page)));
    }

    private static void awaitWidth(VireoPage page, String senderId, int width, Duration timeout) {
        Poll.until(page.label() + " decoding " + width + " px video", timeout, () -> {
            Inbound in = video(page, senderId);
            return in.frameWidth() == width ? in : null;
        }, () -> MediaChecks.inboundSummary(page));
    }
}
