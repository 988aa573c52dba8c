package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import dev.vireo.e2e.MediaChecks.Expectation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A participant who joins with {@code video=0} is heard and shown as an avatar, with no video decoded for it. */
class AudioOnlyTest {
    private static final Duration JOIN = Duration.ofSeconds(15);
    private static final Duration FIRST_MEDIA = Duration.ofSeconds(15);

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @Test
    void audioOnlyParticipantIsHeardAndShownAsAvatar() {
        List<ChromiumBrowser> browsers = fleet.launch("viewer", "voice");
        browsers.get(0).open(server.joinUrl("audio-only", "viewer", ""));
        browsers.get(1).open(server.joinUrl("audio-only", "voice", "&video=0"));
        VireoPage viewer = new VireoPage(browsers.get(0), fleet::diagnostics);
        VireoPage voice = new VireoPage(browsers.get(1), fleet::diagnostics);
        String viewerId = viewer.awaitJoined(JOIN);
        String voiceId = voice.awaitJoined(JOIN);

        Expectation viewerHearsVoice = new Expectation(viewer, voiceId, voice.label());
        MediaChecks.awaitFirstAudio(List.of(viewerHearsVoice), FIRST_MEDIA);
        MediaChecks.assertFlowing(List.of(viewerHearsVoice), false, true);

        // The audio-only participant still receives the viewer's camera: the call itself works both ways.
        Expectation voiceSeesViewer = new Expectation(voice, viewerId, viewer.label());
        MediaChecks.awaitFirstVideo(List.of(voiceSeesViewer), FIRST_MEDIA);

        Poll.until("viewer showing an avatar in the audio-only participant's tile", Duration.ofSeconds(5),
                () -> viewer.avatarShown(voiceId) ? Boolean.TRUE : null, () -> MediaChecks.inboundSummary(viewer));
        // Only two people are in the room, so any video the viewer decodes, attributed or not, came from the voice.
        long decodedFromVoice = WebRtcStats.inbound(viewer.browser()).stream()
                .filter(WebRtcStats.Inbound::isVideo)
                .mapToLong(WebRtcStats.Inbound::framesDecoded).sum();
        assertEquals(0, decodedFromVoice, "video decoded for an audio-only participant\n"
                + MediaChecks.inboundSummary(viewer));
        assertTrue(viewer.hasTile(voiceId), "no tile for the audio-only participant; tiles " + viewer.tileIds());
    }
}
