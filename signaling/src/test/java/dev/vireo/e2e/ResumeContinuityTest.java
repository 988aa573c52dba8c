package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A publisher whose signaling drops and who resumes on a new WebSocket and a new PeerConnection (new SSRCs) stays
 * one continuous stream for a watcher: what the watcher's Chromium decodes keeps the same SSRC and the same receiver
 * track, frames keep coming within about two seconds of the switch, and the watcher never hears the publisher left.
 */
class ResumeContinuityTest {
    private static final String ROOM = "resume";
    private static final Duration JOIN = Duration.ofSeconds(15);
    private static final Duration FIRST_MEDIA = Duration.ofSeconds(15);
    /** From the old publish PeerConnection's close to the watcher decoding a second of the new one's video. */
    private static final Duration SWITCH_BUDGET = Duration.ofMillis(2500);
    private static final int FRAMES_AFTER_SWITCH = 30;

    private static VireoTestServer server;

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @BeforeAll
    static void startServer() {
        server = VireoTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void watcherKeepsOneStreamAcrossThePublishersResume() {
        List<ChromiumBrowser> browsers = fleet.launch("publisher", "watcher");
        ChromiumBrowser publisher = browsers.get(0);
        ChromiumBrowser watcherBrowser = browsers.get(1);
        watcherBrowser.runBeforeEveryPage(ChromiumBrowser.resource("track-events.js"));
        watcherBrowser.open(server.joinUrl(ROOM, "watcher", ""));
        VireoPage watcher = new VireoPage(watcherBrowser, fleet::diagnostics);
        watcher.awaitJoined(JOIN);
        long startedAt = System.currentTimeMillis();

        publisher.open(server.baseUrl() + "/");
        Map<?, ?> first = (Map<?, ?>) publisher.jsResource("resume-publisher.js", "start",
                server.signalingUri().toString(), ROOM, "publisher");
        String publisherId = String.valueOf(first.get("participantId"));
        WebRtcStats.Inbound before = Poll.until("the watcher to decode the publisher's video", FIRST_MEDIA,
                () -> WebRtcStats.video(WebRtcStats.inbound(watcherBrowser), publisherId)
                        .filter(s -> s.framesDecoded() > FRAMES_AFTER_SWITCH).orElse(null),
                () -> report(publisher, watcher));
        List<?> tracksBefore = trackEvents(watcherBrowser);
        Set<String> midsBefore = videoMids(watcherBrowser);

        Map<?, ?> resumed = (Map<?, ?>) publisher.jsResource("resume-publisher.js", "resume");
        assertEquals(publisherId, String.valueOf(resumed.get("participantId")),
                "the resume kept the participant id: " + report(publisher, watcher));
        Map<?, ?> oldSsrcs = (Map<?, ?>) first.get("ssrcs");
        Map<?, ?> newSsrcs = (Map<?, ?>) resumed.get("ssrcs");
        assertNotEquals(oldSsrcs.get("video"), newSsrcs.get("video"),
                "the new PeerConnection must send with new SSRCs, else this test proves nothing");
        long oldClosedAt = ((Number) resumed.get("oldClosedAt")).longValue();
        long framesAtSwitch = WebRtcStats.video(WebRtcStats.inbound(watcherBrowser), publisherId)
                .map(WebRtcStats.Inbound::framesDecoded).orElse(0L);

        // Frames decoded after the old PeerConnection closed can only come from the new one.
        WebRtcStats.Inbound after = Poll.until("the watcher to decode the resumed publisher's video", SWITCH_BUDGET,
                Duration.ofMillis(50),
                () -> WebRtcStats.video(WebRtcStats.inbound(watcherBrowser), publisherId)
                        .filter(s -> s.framesDecoded() >= framesAtSwitch + FRAMES_AFTER_SWITCH).orElse(null),
                () -> report(publisher, watcher));
        long switchMs = System.currentTimeMillis() - oldClosedAt;
        System.out.println("RESUME: watcher decoded " + FRAMES_AFTER_SWITCH + " frames of the new PeerConnection "
                + switchMs + " ms after the old one closed; ssrc " + before.ssrc() + " -> " + after.ssrc()
                + ", publisher ssrcs " + oldSsrcs + " -> " + newSsrcs);

        assertEquals(before.ssrc(), after.ssrc(), "the watcher's SSRC for the publisher changed");
        assertEquals(before.trackId(), after.trackId(), "the watcher's receiver track changed");
        assertEquals(1, WebRtcStats.inbound(watcherBrowser).stream().filter(WebRtcStats.Inbound::isVideo).count(),
                "the watcher receives one video stream, the publisher's: " + MediaChecks.inboundSummary(watcher));
        assertEquals(tracksBefore, trackEvents(watcherBrowser), "the watcher got new 'track' events");
        assertEquals(midsBefore, videoMids(watcherBrowser), "the watcher's video m-lines changed");
        assertTrue(watcherBrowser.signalingAt("in", "participant-left", startedAt) < 0,
                "the watcher was told the publisher left: " + watcherBrowser.signalingTrace(40));
        assertTrue(watcher.hasTile(publisherId), "the publisher's tile is gone: " + watcher.tileIds());
        assertEquals("joined", watcher.state());
    }

    private static List<?> trackEvents(ChromiumBrowser browser) {
        return (List<?>) browser.js("return (window.__trackEvents || []).map(e => e.kind + ' ' + e.trackId"
                + " + ' mid=' + e.mid)");
    }

    /** The mids of the video m-lines of the watcher's subscribe PeerConnection, as the server last offered. */
    private static Set<String> videoMids(ChromiumBrowser browser) {
        Object sdp = browser.js("const pc = window.vireo && window.vireo.subscribePc;"
                + " return pc && pc.remoteDescription ? pc.remoteDescription.sdp : ''");
        Set<String> mids = new TreeSet<>();
        String kind = "";
        for (String line : String.valueOf(sdp).split("\r?\n")) {
            if (line.startsWith("m=")) {
                kind = line.substring(2, line.indexOf(' '));
            } else if (line.startsWith("a=mid:") && kind.equals("video")) {
                mids.add(line.substring("a=mid:".length()));
            }
        }
        return mids;
    }

    private static String report(ChromiumBrowser publisher, VireoPage watcher) {
        return "publisher: " + publisher.jsResource("resume-publisher.js", "state") + "\nwatcher inbound:\n"
                + MediaChecks.inboundSummary(watcher);
    }
}
