package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.vireo.e2e.MediaChecks.Expectation;
import dev.vireo.e2e.WebRtcStats.Inbound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dominant-speaker detection through the real server, driven by the audio levels Chromium writes into its audio
 * packets: one participant sends a loud tone, the others digital silence ({@code e2e/tone-microphone.js}). The others'
 * pages hear {@code active-speaker} for the loud one and outline its tile; when the tone moves to another
 * participant the floor follows. With last-N = 1 a subscriber receives video only from the speaker.
 */
class SpeakerTest {
    private static final Duration JOIN = Duration.ofSeconds(15);
    private static final Duration FIRST_MEDIA = Duration.ofSeconds(30);
    private static final Duration DETECTION = Duration.ofSeconds(20);
    private static final double LOUD = 0.5;
    private static final double SILENT = 0.0;

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @Test
    void othersSeeTheLoudParticipantAsSpeakerAndTheFloorFollowsTheTone() {
        List<ChromiumBrowser> browsers = fleet.launch("alice", "bob", "carol");
        VireoPage alice = join(browsers.get(0), server.joinUrl("speakers", "alice", ""), LOUD);
        VireoPage bob = join(browsers.get(1), server.joinUrl("speakers", "bob", ""), SILENT);
        VireoPage carol = join(browsers.get(2), server.joinUrl("speakers", "carol", "&video=0"), SILENT);
        String aliceId = alice.awaitJoined(JOIN);
        String bobId = bob.awaitJoined(JOIN);
        carol.awaitJoined(JOIN);
        MediaChecks.awaitFirstAudio(List.of(new Expectation(bob, aliceId, "alice"),
                new Expectation(carol, aliceId, "alice")), FIRST_MEDIA);
        long audioFlowing = System.currentTimeMillis();

        for (VireoPage page : List.of(bob, carol)) {
            awaitSpeaker(page, aliceId);
        }
        long detected = System.currentTimeMillis() - audioFlowing;
        assertEquals(aliceId, speaker(alice), "alice's own page names her the speaker too");
        assertTrue(alice.browser().exists("#tiles .tile.local.speaking"), "alice's own tile is not outlined");
        assertEquals("false", speakingFlag(carol, bobId), "the silent bob is outlined on carol's page");

        // Speaker view: the speaker's tile takes the stage, larger than the others.
        carol.browser().driver().findElement(org.openqa.selenium.By.id("toggle-layout")).click();
        Poll.until("carol's speaker view with alice on the stage", DETECTION, () -> {
            double stage = tileWidth(carol, aliceId);
            double other = tileWidth(carol, bobId);
            return stage > 2 * other && other > 0 ? stage : null;
        }, () -> "tile widths: alice " + tileWidth(carol, aliceId) + ", bob " + tileWidth(carol, bobId));

        // The tone moves from alice to bob: the floor follows after the hold, and only then.
        long handOverAt = System.currentTimeMillis();
        setGain(alice, SILENT);
        setGain(bob, LOUD);
        awaitSpeaker(carol, bobId);
        long handOver = System.currentTimeMillis() - handOverAt;
        assertEquals("false", speakingFlag(carol, aliceId), "alice is still outlined after bob took over");
        Poll.until("bob taking the stage in carol's speaker view", DETECTION,
                () -> tileWidth(carol, bobId) > 2 * tileWidth(carol, aliceId) ? Boolean.TRUE : null,
                () -> "tile widths: alice " + tileWidth(carol, aliceId) + ", bob " + tileWidth(carol, bobId));
        assertTrue(handOver >= 800, "the floor moved in " + handOver + " ms: faster than the 800 ms hold allows");
        System.out.println(String.format(Locale.ROOT, "ACTIVE SPEAKER: detected %d ms after audio flowed; hand-over"
                + " %d ms after the tone moved", detected, handOver));
    }

    @Test
    void withLastNOneASubscriberReceivesVideoOnlyFromTheSpeaker() {
        try (VireoTestServer lastN = VireoTestServer.start(1)) {
            List<ChromiumBrowser> browsers = fleet.launch("bob", "alice", "carol");
            // bob joins first: before anyone speaks, carol's one video is his (join order); then alice speaks.
            VireoPage bob = join(browsers.get(0), lastN.joinUrl("last-n", "bob", ""), SILENT);
            String bobId = bob.awaitJoined(JOIN);
            VireoPage alice = join(browsers.get(1), lastN.joinUrl("last-n", "alice", ""), SILENT);
            String aliceId = alice.awaitJoined(JOIN);
            VireoPage carol = join(browsers.get(2), lastN.joinUrl("last-n", "carol", "&video=0"), SILENT);
            carol.awaitJoined(JOIN);
            MediaChecks.awaitFirstVideo(List.of(new Expectation(carol, bobId, "bob")), FIRST_MEDIA);

            setGain(alice, LOUD);
            awaitSpeaker(carol, aliceId);
            MediaChecks.awaitFirstVideo(List.of(new Expectation(carol, aliceId, "alice")), FIRST_MEDIA);
            Poll.until("carol's page told that only alice's video comes", DETECTION,
                    () -> List.of(aliceId).equals(carol.browser().js("return window.vireo.videoForwarded"))
                            ? Boolean.TRUE : null, () -> "videoForwarded "
                            + carol.browser().js("return window.vireo.videoForwarded"));
            Poll.sleep(Duration.ofMillis(1000)); // what was in flight for bob drains

            Inbound aliceBefore = video(carol, aliceId);
            Inbound bobBefore = video(carol, bobId);
            Poll.sleep(Duration.ofSeconds(3));
            Inbound aliceAfter = video(carol, aliceId);
            Inbound bobAfter = video(carol, bobId);
            long fromAlice = aliceAfter.bytesReceived() - aliceBefore.bytesReceived();
            long fromBob = bobAfter.bytesReceived() - bobBefore.bytesReceived();
            System.out.println("LAST-N 1: over 3 s carol received " + fromAlice + " video bytes from the speaker"
                    + " (alice, " + (aliceAfter.framesDecoded() - aliceBefore.framesDecoded()) + " frames) and "
                    + fromBob + " from bob");
            assertTrue(aliceAfter.framesDecoded() - aliceBefore.framesDecoded() > 30,
                    "the speaker's video is not playing: " + aliceBefore + " -> " + aliceAfter);
            assertTrue(fromBob < 2000, "video outside last-N still arrives: " + bobBefore + " -> " + bobAfter);
            assertTrue(carol.avatarShown(bobId), "bob's tile does not show his avatar while his video is paused");
            // Audio is never cut by last-N: bob's (silent) audio keeps arriving.
            long bobAudio = WebRtcStats.audio(WebRtcStats.inbound(carol.browser()), bobId)
                    .map(Inbound::packetsReceived).orElse(0L);
            Poll.until("bob's audio still arriving at carol", Duration.ofSeconds(5), () ->
                    WebRtcStats.audio(WebRtcStats.inbound(carol.browser()), bobId)
                            .filter(a -> a.packetsReceived() > bobAudio + 20).orElse(null),
                    () -> MediaChecks.inboundSummary(carol));
        }
    }

    private VireoPage join(ChromiumBrowser browser, String url, double gain) {
        browser.runBeforeEveryPage("window.__toneGain = " + gain + ";\n" + ChromiumBrowser.resource("tone-microphone.js"));
        browser.open(url);
        return new VireoPage(browser, fleet::diagnostics);
    }

    private static void setGain(VireoPage page, double gain) {
        Object ok = page.browser().js("if (!window.__tone) return false; window.__tone.gain.gain.value = arguments[0];"
                + " return true;", gain);
        assertEquals(Boolean.TRUE, ok, page.label() + " has no tone microphone");
    }

    private static double tileWidth(VireoPage page, String participantId) {
        Object w = page.browser().js("const t = document.querySelector(arguments[0]);"
                + " return t ? t.getBoundingClientRect().width : 0;", VireoPage.tileSelector(participantId));
        return ((Number) w).doubleValue();
    }

    private static String speaker(VireoPage page) {
        Object id = page.browser().js("return window.vireo ? window.vireo.activeSpeaker : null");
        return id == null ? null : id.toString();
    }

    private static String speakingFlag(VireoPage page, String participantId) {
        Object flag = page.browser().js("const t = document.querySelector(arguments[0]);"
                + " return t ? (t.dataset.speaking || 'false') : null;", VireoPage.tileSelector(participantId));
        return flag == null ? null : flag.toString();
    }

    /** Waits until the page names {@code participantId} the speaker and outlines its tile. */
    private static void awaitSpeaker(VireoPage page, String participantId) {
        Poll.until(page.label() + " showing " + participantId + " as the active speaker", DETECTION,
                () -> participantId.equals(speaker(page)) && "true".equals(speakingFlag(page, participantId))
                        ? Boolean.TRUE : null,
                () -> "activeSpeaker " + speaker(page) + "; signaling " + page.browser().signalingTrace(15));
    }

    private static Inbound video(VireoPage page, String senderId) {
        return WebRtcStats.video(WebRtcStats.inbound(page.browser()), senderId).orElseThrow(() ->
                new AssertionError("no inbound video from " + senderId + ": " + MediaChecks.inboundSummary(page)));
    }
}
