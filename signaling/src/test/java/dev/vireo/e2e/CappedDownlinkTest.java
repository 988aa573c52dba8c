package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import dev.vireo.e2e.MediaChecks.Expectation;
import dev.vireo.e2e.WebRtcStats.Inbound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Downlink-aware layer choice through the real server: a publisher sends q/h/f simulcast; two receive-only subscribers
 * show it in a large tile. One subscriber's Chromium runs in a network namespace this test creates, and once both
 * play 1280x720, what the SFU sends into that namespace is shaped to {@value #CAP_KBPS} kbit/s with a token bucket
 * ({@code tc tbf} on the host end of the veth; UDP only, so the WebDriver connection to that browser stays usable):
 * the 640x360 layer (~0.5 Mbit/s from headless Chromium's fake camera) fits, the 1280x720 one does not (it sent
 * ~1.2-1.5 Mbit/s here, and a 1.5 Mbit/s cap carried it with 6 drops in 20 s; the report shows the rates). The SFU's
 * transport-cc estimate of that path must fall and the allocator must move that subscriber to a lower layer, where it
 * keeps decoding without long freezes, while the other subscriber in the same room keeps 1280x720 throughout.
 *
 * <p>The subscriber still wants 720p for its large tile, so the SFU keeps probing that path (padding clusters on the
 * RTX SSRC, backing off while they fail): the test asserts that it probed, and that no probe turned into a switch
 * back to 720p, the freeze-prone retry this replaced. The token bucket holds {@value #CAP_BURST_BYTES} bytes (about
 * 50 ms at the cap), less than the 12 kB a probe cluster sends above the estimate: a bucket deeper than that would
 * pass a whole cluster at full speed, on this link as on a real one, and no sender could tell.
 *
 * <p>The second test puts a WHEP player behind the cap instead of a participant's page.
 */
class CappedDownlinkTest {
    private static final String ROOM = "capped-downlink";
    private static final int CAP_KBPS = 1000;
    private static final int CAP_BURST_BYTES = 6000;
    private static final int CAP_LATENCY_MS = 150;
    private static final Duration JOIN = Duration.ofSeconds(20);
    private static final Duration FIRST_MEDIA = Duration.ofSeconds(20);
    private static final Duration FULL_LAYER = Duration.ofSeconds(20);
    private static final int LARGE_TILE = 1200;
    /** How long the capped subscriber may take to settle on a lower layer. */
    private static final long SETTLE_MS = 20_000;
    /** The window after settling in which both must keep playing (it spans several probes of the 720p step). */
    private static final long STEADY_MS = 20_000;
    private static final long SAMPLE_MS = 1_000;

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @Test
    void aCappedSubscriberGetsALowerLayerAndKeepsPlayingWhileAnUncappedOneKeeps720p() throws Exception {
        cappedReceiverDropsALayer(false);
    }

    /**
     * The same for a WHEP player (it makes its own offer; the SFU learns its downlink from the transport-cc and probes
     * it over the RTX its answer took up): from a simulcast publisher it gets the layer its capped downlink carries.
     */
    @Test
    void aCappedWhepViewerGetsALowerLayerAndKeepsPlaying() throws Exception {
        cappedReceiverDropsALayer(true);
    }

    /** The receiver behind the cap: a call participant's page, or a WHEP player. */
    private record Receiver(String id, String transport, Supplier<Inbound> video, Supplier<String> summary) {
    }

    private void cappedReceiverDropsALayer(boolean whep) throws Exception {
        try (NetworkNamespace capped = NetworkNamespace.create();
             VireoTestServer server = VireoTestServer.start(capped.hostAddress(), List.of(capped.subnet()));
             AllocationLog allocations = AllocationLog.attach();
             FeedbackTrace trace = FeedbackTrace.attach()) {
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
            Receiver receiver = whep ? watch(cappedBrowser, server, publisherId) : participant(cappedBrowser, server,
                    publisherId);
            String cappedId = receiver.id();
            trace.follow(receiver.transport());
            MediaChecks.awaitFirstVideo(List.of(new Expectation(clean, publisherId, "publisher")), FIRST_MEDIA);
            resize(clean, publisherId);
            awaitWidth(clean.label(), () -> video(clean, publisherId), () -> MediaChecks.inboundSummary(clean),
                    FULL_LAYER);
            // Before the cap both get the full layer: the cap, not the tile, is what lowers the capped one.
            awaitWidth(cappedBrowser.label(), receiver.video(), receiver.summary(), FULL_LAYER);
            String layerRates = layerRates(publisher);

            allocations.mark();
            trace.mark("cap " + CAP_KBPS + " kbit/s");
            capped.capInboundUdp(CAP_KBPS, CAP_BURST_BYTES, CAP_LATENCY_MS);
            long cappedAt = System.currentTimeMillis();
            List<Sample> samples = new ArrayList<>();
            long settledAt = -1;
            while (true) {
                Poll.sleep(Duration.ofMillis(SAMPLE_MS));
                long t = System.currentTimeMillis() - cappedAt;
                samples.add(new Sample(t, receiver.video().get(), video(clean, publisherId),
                        framesEncodedAtFullLayer(publisher)));
                int width = samples.get(samples.size() - 1).capped().frameWidth();
                if (settledAt < 0 && width > 0 && width < 1280) {
                    settledAt = t;
                }
                if ((settledAt >= 0 && t - settledAt >= STEADY_MS) || (settledAt < 0 && t > SETTLE_MS)) {
                    break;
                }
            }
            List<String> decisions = allocations.lines();
            long probesAfterCap = decisions.stream()
                    .filter(l -> !l.trim().startsWith("-") && l.contains(cappedId + ": probe at")).count();
            String report = "CAPPED DOWNLINK, " + (whep ? "WHEP viewer" : "participant") + " (" + CAP_KBPS + " kbit/s tbf, " + CAP_BURST_BYTES + " B bucket: "
                    + capped.capStatistics() + "; " + probesAfterCap + " probes of the capped path after the cap;"
                    + " publisher layers before the cap: " + layerRates
                    + "), time since the cap:\n  "
                    + String.join("\n  ", samples.stream().map(Sample::toString).toList())
                    + "\nserver allocation decisions (time since the cap):\n  "
                    + String.join("\n  ", decisions);
            System.out.println(report);
            // The capped subscriber's transport-cc feedback, for replaying through the estimator (sfu tests).
            trace.write(java.nio.file.Path.of("target", "capped-feedback-trace" + (whep ? "-whep" : "") + ".txt"),
                    List.of(
                    "transport-cc feedback of a Chromium subscriber behind a " + CAP_KBPS + " kbit/s tbf ("
                            + CAP_BURST_BYTES + " B bucket, " + CAP_LATENCY_MS + " ms queue), from CappedDownlinkTest",
                    "line: <now ns> <packets> then send-ns,arrival-us|x(lost),size,probe-cluster(-1 media) per packet",
                    "layers over time: " + samples.stream().map(x -> x.atMs() / 1000 + "s:"
                            + x.capped().frameWidth()).toList()));

            assertTrue(settledAt >= 0, "the capped subscriber still decodes 1280 px " + SETTLE_MS
                    + " ms after the cap\n" + report);
            final long settled = settledAt;
            List<Sample> steady = samples.stream().filter(x -> x.atMs() >= settled).toList();
            Inbound first = steady.get(0).capped();
            Inbound last = steady.get(steady.size() - 1).capped();
            double seconds = (steady.get(steady.size() - 1).atMs() - settled) / 1000.0;
            // Once down, it stays down: the SFU tries the 720p step with probes, and a probe the link cannot carry
            // fails without moving the layer.
            long full = steady.stream().filter(x -> x.capped().frameWidth() >= 1280).count();
            assertEquals(0, full, full + " of " + steady.size() + " samples after settling at 1280 px\n" + report);
            assertTrue(probesAfterCap >= 1, "the SFU never probed the capped path for the 720p step\n" + report);
            assertTrue(last.frameWidth() > 0 && last.frameWidth() < 1280, "the capped subscriber ends at "
                    + last.frameWidth() + " px\n" + report);
            // It keeps playing: a good frame rate overall, no stall over two samples (the retry of the full layer
            // costs about one), freezes a small share of the time. Frame rates are judged against what the publisher
            // encoded meanwhile: on a busy machine Chromium lowers its own rate (three browsers on two cores), which
            // is not the SFU's doing; the absolute floor still catches a publisher that all but stopped.
            long decoded = last.framesDecoded() - first.framesDecoded();
            long encodedSteady = steady.get(steady.size() - 1).publisherFrames() - steady.get(0).publisherFrames();
            assertTrue(decoded >= 0.6 * encodedSteady && decoded >= seconds * 8, "the capped subscriber decoded only "
                    + decoded + " frames in " + seconds + " s, of " + encodedSteady + " encoded\n" + report);
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
            long cleanDecoded = cleanLast.framesDecoded() - cleanFirst.framesDecoded();
            long encoded = samples.get(samples.size() - 1).publisherFrames() - samples.get(0).publisherFrames();
            assertTrue(cleanDecoded >= 0.9 * encoded && cleanDecoded >= allSeconds * 10, "the uncapped subscriber "
                    + "decoded " + cleanDecoded + " frames in " + allSeconds + " s, of " + encoded + " encoded\n"
                    + report);
            // Chromium counts a gap of ~200 ms as a freeze; on this shared 2-core machine three such gaps were
            // seen on the clean path with no loss at all, so the bound is for long stalls.
            assertTrue(cleanLast.freezesMs() - cleanFirst.freezesMs() <= 1000,
                    "the uncapped subscriber froze: " + cleanFirst + " -> " + cleanLast);
        }
    }

    /** What the publisher sends per simulcast layer (kbit/s over two seconds), e.g. "q 160, h 520, f 1350". */
    private static String layerRates(ChromiumBrowser publisher) {
        List<WebRtcStats.Outbound> before = WebRtcStats.outbound(publisher);
        Poll.sleep(Duration.ofSeconds(2));
        List<WebRtcStats.Outbound> after = WebRtcStats.outbound(publisher);
        List<String> rates = new ArrayList<>();
        for (WebRtcStats.Outbound a : after) {
            for (WebRtcStats.Outbound b : before) {
                if ("video".equals(a.kind()) && a.rid().equals(b.rid()) && "video".equals(b.kind())) {
                    rates.add(a.rid() + " " + (a.bytesSent() - b.bytesSent()) * 8 / 2000 + " (" + a.frameWidth()
                            + "px)");
                }
            }
        }
        return String.join(", ", rates);
    }

    /** Both subscribers' video at {@code atMs} after the cap, and the frames the publisher had encoded by then. */
    private record Sample(long atMs, Inbound capped, Inbound clean, long publisherFrames) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%5.1fs capped %dx%d decoded %d freezes %d (%d ms) | clean %dx%d"
                            + " decoded %d | publisher encoded %d", atMs / 1000.0, capped.frameWidth(),
                    capped.frameHeight(), capped.framesDecoded(), capped.freezeCount(), capped.freezesMs(),
                    clean.frameWidth(), clean.frameHeight(), clean.framesDecoded(), publisherFrames);
        }
    }

    /** Frames the publisher has encoded on its widest simulcast layer (each layer encodes every frame it keeps). */
    private static long framesEncodedAtFullLayer(ChromiumBrowser publisher) {
        return WebRtcStats.outbound(publisher).stream().filter(o -> "video".equals(o.kind()))
                .max(java.util.Comparator.comparingInt(WebRtcStats.Outbound::frameWidth))
                .map(WebRtcStats.Outbound::framesEncoded).orElse(0L);
    }

    private Receiver participant(ChromiumBrowser browser, VireoTestServer server, String publisherId) {
        VireoPage page = join(browser, server);
        MediaChecks.awaitFirstVideo(List.of(new Expectation(page, publisherId, "publisher")), FIRST_MEDIA);
        resize(page, publisherId);
        return new Receiver(page.participantId(), page.participantId() + "/subscribe", () -> video(page, publisherId),
                () -> MediaChecks.inboundSummary(page));
    }

    /** A WHEP player of the publisher: no tile, so it wants the top layer. */
    private static Receiver watch(ChromiumBrowser browser, VireoTestServer server, String publisherId) {
        browser.open(server.baseUrl() + "/streams");
        String location = String.valueOf(browser.jsResource("whep-watch.js",
                server.baseUrl() + "/whep/" + ROOM + "?participant=" + publisherId, null));
        assertTrue(location.contains("/whep/" + ROOM + "/"), "WHEP answered " + location);
        // WhipRoute names the viewer after the first 8 characters of the session id in its Location.
        String id = "whep-" + location.substring(location.lastIndexOf('/') + 1).substring(0, 8);
        Supplier<Inbound> video = () -> WebRtcStats.video(WebRtcStats.whepInbound(browser, publisherId), publisherId)
                .orElseThrow(() -> new AssertionError("the WHEP player receives no video: "
                        + WebRtcStats.whepInbound(browser, publisherId)));
        return new Receiver(id, id + "/watch", video,
                () -> String.valueOf(WebRtcStats.whepInbound(browser, publisherId)));
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

    private static void awaitWidth(String label, Supplier<Inbound> video, Supplier<String> summary,
                                   Duration timeout) {
        Poll.until(label + " decoding 1280 px video", timeout, () -> {
            Inbound in = video.get();
            return in.frameWidth() == 1280 ? in : null;
        }, summary);
    }
}
