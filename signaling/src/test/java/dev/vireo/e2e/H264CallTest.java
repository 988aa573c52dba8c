package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.e2e.MediaChecks.Expectation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A publisher that prefers H.264 ({@code ?codec=h264}) is answered with H.264, and a subscriber decodes H.264 from
 * the SFU at the sent width: the forwarder is not VP8-only.
 */
class H264CallTest {
    private static final Duration JOIN = Duration.ofSeconds(15);
    private static final Duration FIRST_MEDIA = Duration.ofSeconds(15);
    /** The codec (by MIME type) of every video stream a PeerConnection is sending or decoding. */
    private static final String VIDEO_CODECS = """
            return (async () => {
              const pc = arguments[0] === 'inbound-rtp' ? window.vireo.subscribePc : window.vireo.publishPc;
              if (!pc) return '';
              const stats = await pc.getStats();
              const mimeTypes = new Map();
              stats.forEach((s) => { if (s.type === 'codec') mimeTypes.set(s.id, s.mimeType); });
              const found = [];
              stats.forEach((s) => {
                if (s.type === arguments[0] && s.kind === 'video' && s.codecId) found.push(mimeTypes.get(s.codecId));
              });
              return found.join(',');
            })();
            """;

    private static VireoTestServer server;

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @BeforeAll
    static void startServer() {
        server = VireoTestServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void h264PublisherIsForwardedAndDecodedAsH264() {
        List<ChromiumBrowser> browsers = fleet.launch("h264-sender", "viewer");
        browsers.get(0).open(server.joinUrl("h264-call", "h264-sender", "&codec=h264"));
        browsers.get(1).open(server.joinUrl("h264-call", "viewer", ""));
        VireoPage sender = new VireoPage(browsers.get(0), fleet::diagnostics);
        VireoPage viewer = new VireoPage(browsers.get(1), fleet::diagnostics);
        String senderId = sender.awaitJoined(JOIN);
        viewer.awaitJoined(JOIN);

        Expectation viewerSeesSender = new Expectation(viewer, senderId, sender.label());
        MediaChecks.awaitFirstVideo(List.of(viewerSeesSender), FIRST_MEDIA);
        MediaChecks.assertFlowing(List.of(viewerSeesSender), true, true);
        MediaChecks.awaitDecodedWidth(List.of(viewerSeesSender),
                java.util.Map.of(senderId, sender.browser()), 1280, FIRST_MEDIA);

        assertEquals("video/H264", sender.browser().js(VIDEO_CODECS, "outbound-rtp"),
                "what the publisher sends after the SFU's answer");
        assertEquals("video/H264", viewer.browser().js(VIDEO_CODECS, "inbound-rtp"),
                "what the subscriber decodes\n" + MediaChecks.inboundSummary(viewer));
    }
}
