package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.vireo.e2e.MediaChecks.Expectation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Loss recovery through the real server: one subscriber's Chromium runs in a network namespace this test creates,
 * behind a veth where 5 % of the packets from the SFU are dropped at random (nftables inside the namespace;
 * this kernel has no netem). Its video keeps playing
 * and most lost packets come back as RTX answers to its NACKs; a second subscriber on a clean path in the same room
 * sees no loss and sends no NACKs. The same holds for a WHEP player (it makes its own offer, and the SFU's answer has to
 * take up its RTX and transport-cc, or its NACKs could not be answered on an AES-GCM link).
 */
class PacketLossRecoveryTest {
    private static final String ROOM = "lossy-path";
    private static final Duration JOIN = Duration.ofSeconds(20);
    private static final Duration FIRST_MEDIA = Duration.ofSeconds(20);
    private static final long MEASURE_MS = 20_000;

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @Test
    void fivePercentLossOnOnePathIsRepairedAndTheOtherPathIsUntouched() throws Exception {
        try (NetworkNamespace lossy = NetworkNamespace.create();
             VireoTestServer server = VireoTestServer.start(lossy.hostAddress(),
                     List.of(lossy.subnet()))) {
            lossy.dropInboundUdp(5);
            // Camera access needs a secure context; only loopback origins are one by default.
            String secure = "--unsafely-treat-insecure-origin-as-secure=" + server.baseUrl();
            ChromiumBrowser publisher = fleet.adopt(ChromiumBrowser.launch("publisher", null, secure));
            ChromiumBrowser cleanBrowser = fleet.adopt(ChromiumBrowser.launch("clean", null, secure));
            ChromiumBrowser lossyBrowser = fleet.adopt(ChromiumBrowser.launch("lossy", lossy, secure));

            publisher.open(server.joinUrl(ROOM, "publisher", ""));
            VireoPage publisherPage = new VireoPage(publisher, fleet::diagnostics);
            String publisherId = publisherPage.awaitJoined(JOIN);
            VireoPage clean = join(cleanBrowser, server, "&video=0&audio=0");
            VireoPage lossyPage = join(lossyBrowser, server, "&video=0&audio=0");
            List<Expectation> both = List.of(new Expectation(clean, publisherId, "publisher"),
                    new Expectation(lossyPage, publisherId, "publisher"));
            MediaChecks.awaitFirstVideo(both, FIRST_MEDIA);

            Map<String, Object> cleanBefore = videoStats(clean.browser());
            Map<String, Object> lossyBefore = videoStats(lossyBrowser);
            long droppedBefore = lossy.droppedPackets();
            Thread.sleep(MEASURE_MS);
            long dropped = lossy.droppedPackets() - droppedBefore;
            Map<String, Object> cleanAfter = videoStats(clean.browser());
            Map<String, Object> lossyAfter = videoStats(lossyBrowser);

            long lost = delta(lossyBefore, lossyAfter, "packetsLost");
            long recovered = repaired(lossyBefore, lossyAfter);
            long nacks = delta(lossyBefore, lossyAfter, "nackCount");
            long received = delta(lossyBefore, lossyAfter, "packetsReceived");
            long decoded = delta(lossyBefore, lossyAfter, "framesDecoded");
            double freezeMs = 1000 * (num(lossyAfter, "totalFreezesDuration") - num(lossyBefore, "totalFreezesDuration"));
            System.out.printf("lossy path: %d UDP packets dropped (all media and RTCP to the subscriber)%n", dropped);
            System.out.printf("lossy subscriber over %d ms: %d packets received, %d NACKs sent, ~%d packets recovered"
                            + " by RTX (%d retransmitted bytes in %d RTX packets, probes included), %d lost on the media"
                            + " SSRC (~%d not recovered), %d frames decoded, %.0f ms frozen (%d freezes)%n", MEASURE_MS,
                    received, nacks, recovered, delta(lossyBefore, lossyAfter, "retransmittedBytesReceived"),
                    delta(lossyBefore, lossyAfter, "retransmittedPacketsReceived"), lost, Math.max(0, lost - recovered),
                    decoded, freezeMs,
                    delta(lossyBefore, lossyAfter, "freezeCount"));
            System.out.printf("clean subscriber: %d packets received, %d NACKs, %d lost, %d frames decoded%n",
                    delta(cleanBefore, cleanAfter, "packetsReceived"), delta(cleanBefore, cleanAfter, "nackCount"),
                    delta(cleanBefore, cleanAfter, "packetsLost"), delta(cleanBefore, cleanAfter, "framesDecoded"));

            assertTrue(dropped > 0, "the loss rule dropped nothing");
            // 5 % of the media the lossy path carried was dropped: the receiver noticed and asked for it.
            assertTrue(nacks >= 10, "lossy subscriber sent only " + nacks + " NACKs");
            assertTrue(recovered >= 0.03 * received, "only " + recovered + " of " + received
                    + " packets came back as retransmissions at 5 % loss");
            // Chromium's packetsLost counts gaps in the media SSRC whether or not RTX filled them later, so the
            // repaired share is recovered / lost: "most" lost packets must come back.
            assertTrue(lost > 0, "no loss on the lossy path");
            assertTrue(recovered >= 0.8 * lost, lost + " packets lost, only " + recovered + " recovered");
            assertTrue(decoded >= MEASURE_MS / 1000 * 15, "lossy subscriber decoded only " + decoded + " frames");
            assertTrue(freezeMs < 2000, "lossy subscriber froze for " + freezeMs + " ms");

            assertEquals(0, delta(cleanBefore, cleanAfter, "nackCount"), "the clean subscriber NACKed");
            assertTrue(delta(cleanBefore, cleanAfter, "packetsLost") <= 2, "the clean subscriber lost packets");
            assertTrue(delta(cleanBefore, cleanAfter, "framesDecoded") >= MEASURE_MS / 1000 * 20,
                    "the clean subscriber decoded too few frames");
        }
    }

    @Test
    void aWhepViewerOnALossyPathIsRepairedByRtx() throws Exception {
        try (NetworkNamespace lossy = NetworkNamespace.create();
             VireoTestServer server = VireoTestServer.start(lossy.hostAddress(), List.of(lossy.subnet()))) {
            lossy.dropInboundUdp(5);
            StreamsApi api = new StreamsApi(server);
            JsonObject stream = api.create("lossy viewer", true);
            String room = stream.get("room").getAsString();
            // Camera access needs a secure context; only loopback origins are one by default.
            String secure = "--unsafely-treat-insecure-origin-as-secure=" + server.baseUrl();
            ChromiumBrowser publisher = fleet.adopt(ChromiumBrowser.launch("whip-publisher", null, secure));
            ChromiumBrowser viewer = fleet.adopt(ChromiumBrowser.launch("whep-lossy", lossy, secure));
            publisher.open(server.baseUrl() + "/streams");
            Object location = publisher.jsResource("bare-whip-publish.js", stream.get("whipUrl").getAsString(),
                    stream.get("publishToken").getAsString());
            assertTrue(String.valueOf(location).startsWith("/whip/" + room + "/"), "WHIP answered " + location);
            viewer.open(server.baseUrl() + "/streams");
            Object resource = viewer.jsResource("whep-watch.js", server.baseUrl() + "/whep/" + room, null);
            assertTrue(String.valueOf(resource).contains("/whep/" + room + "/"), "WHEP answered " + resource);
            WhipWhepBrowserTest.awaitDecoded(viewer, 1280, 720, FIRST_MEDIA);
            String answer = String.valueOf(viewer.js("return window.__whep.pc.remoteDescription.sdp"));
            assertTrue(answer.contains("apt=96") && answer.contains("a=ssrc-group:FID "), answer);
            assertTrue(answer.contains("a=rtcp-fb:96 transport-cc"), answer);

            Map<String, Object> before = videoStats(viewer, "whep");
            long droppedBefore = lossy.droppedPackets();
            Thread.sleep(MEASURE_MS);
            long dropped = lossy.droppedPackets() - droppedBefore;
            Map<String, Object> after = videoStats(viewer, "whep");
            long lost = delta(before, after, "packetsLost");
            long recovered = repaired(before, after);
            long nacks = delta(before, after, "nackCount");
            long decoded = delta(before, after, "framesDecoded");
            double freezeMs = 1000 * (num(after, "totalFreezesDuration") - num(before, "totalFreezesDuration"));
            System.out.printf("lossy WHEP viewer over %d ms: %d UDP packets dropped, %d NACKs, ~%d recovered by RTX,"
                            + " %d lost on the media SSRC, %d frames decoded at %d px wide, %.0f ms frozen%n",
                    MEASURE_MS, dropped, nacks, recovered, lost, decoded, Math.round(num(after, "frameWidth")),
                    freezeMs);
            assertTrue(dropped > 0, "the loss rule dropped nothing");
            assertTrue(nacks >= 10, "the WHEP viewer sent only " + nacks + " NACKs");
            assertTrue(lost > 0, "no loss on the lossy path");
            assertTrue(recovered >= 0.8 * lost, lost + " packets lost, only " + recovered + " recovered");
            assertTrue(decoded >= MEASURE_MS / 1000 * 15, "the WHEP viewer decoded only " + decoded + " frames");
            assertTrue(freezeMs < 2000, "the WHEP viewer froze for " + freezeMs + " ms");
        }
    }

    private VireoPage join(ChromiumBrowser browser, VireoTestServer server, String query) {
        browser.open(server.joinUrl(ROOM, browser.label(), query));
        VireoPage page = new VireoPage(browser, fleet::diagnostics);
        page.awaitJoined(JOIN);
        return page;
    }

    /** The one inbound video stream's counters. */
    private static Map<String, Object> videoStats(ChromiumBrowser browser) {
        return videoStats(browser, "signaling");
    }

    /** The one inbound video stream's counters on the page's signaling subscriber or its WHEP player ("whep"). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> videoStats(ChromiumBrowser browser, String pc) {
        List<?> rows = (List<?>) browser.jsResource("recovery-stats.js", pc);
        assertEquals(1, rows.size(), browser.label() + " has " + rows.size() + " inbound video streams");
        return (Map<String, Object>) rows.get(0);
    }

    /**
     * How many lost packets RTX brought back, from the payload it carried: Chromium counts the SFU's bandwidth probes
     * (padding-only packets on the RTX SSRC) in retransmittedPacketsReceived too, but no padding in
     * retransmittedBytesReceived, so the retransmitted payload over the stream's mean payload per packet is the
     * count of media packets resent.
     */
    private static long repaired(Map<String, Object> before, Map<String, Object> after) {
        long received = delta(before, after, "packetsReceived");
        long bytes = delta(before, after, "bytesReceived");
        if (received <= 0 || bytes <= 0) {
            return 0;
        }
        return Math.round(delta(before, after, "retransmittedBytesReceived") / ((double) bytes / received));
    }

    private static double num(Map<String, Object> row, String key) {
        Object v = row.get(key);
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    private static long delta(Map<String, Object> before, Map<String, Object> after, String key) {
        return Math.round(num(after, key) - num(before, key));
    }
}
