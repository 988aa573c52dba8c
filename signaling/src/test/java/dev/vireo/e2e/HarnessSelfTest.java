package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import dev.vireo.e2e.MediaChecks.Expectation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The harness itself, without a Vireo server: Chromium starts from the Debian paths, its fake camera gives what the
 * web client asks for, and the stats scripts see media in a page whose PeerConnections call each other.
 */
class HarnessSelfTest {
    private static HttpServer pages;

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    /** getUserMedia needs a secure context: a data: URL is not one, http://127.0.0.1 is. */
    @BeforeAll
    static void servePages() throws Exception {
        pages = HttpServer.create(new InetSocketAddress(VireoTestServer.LOOPBACK, 0), 0);
        serve("/", "<!doctype html><title>harness</title>");
        serve("/loopback", ChromiumBrowser.resource("loopback-call.html"));
        pages.start();
    }

    @AfterAll
    static void stopPages() {
        pages.stop(0);
    }

    @Test
    void fakeCameraGives720pAt30FpsForTheWebClientsIdealConstraints() {
        ChromiumBrowser browser = fleet.launchOne("self-test");
        browser.open(url("/"));
        Map<?, ?> settings = (Map<?, ?>) browser.js("""
                return navigator.mediaDevices.getUserMedia({audio: true,
                        video: {width: {ideal: 1280}, height: {ideal: 720}}})
                    .then(stream => {
                      const s = stream.getVideoTracks()[0].getSettings();
                      const audio = stream.getAudioTracks().length;
                      stream.getTracks().forEach(t => t.stop());
                      return {width: s.width, height: s.height, frameRate: s.frameRate, audio: audio};
                    });
                """);
        assertEquals(1280L, ((Number) settings.get("width")).longValue(), settings::toString);
        assertEquals(720L, ((Number) settings.get("height")).longValue(), settings::toString);
        assertEquals(30L, Math.round(((Number) settings.get("frameRate")).doubleValue()), settings::toString);
        assertEquals(1L, ((Number) settings.get("audio")).longValue(), settings::toString);
    }

    @Test
    void statsScriptsAttributeAndTimeALoopbackCall() {
        ChromiumBrowser browser = fleet.launchOne("loopback");
        browser.runBeforeEveryPage(JoinTiming.script());
        browser.open(url("/loopback"));
        VireoPage page = new VireoPage(browser, fleet::diagnostics);
        assertEquals("me", page.awaitJoined(Duration.ofSeconds(10)));

        List<Expectation> self = List.of(new Expectation(page, "loop", "loop"));
        MediaChecks.awaitFirstVideo(self, Duration.ofSeconds(10));
        MediaChecks.awaitFirstAudio(self, Duration.ofSeconds(10));
        MediaChecks.assertFlowing(self, true, true);
        assertTrue(WebRtcStats.sentVideoWidth(browser) > 0, () -> "outbound: " + WebRtcStats.outbound(browser));

        String trackId = WebRtcStats.video(WebRtcStats.inbound(browser), "loop").orElseThrow().trackId();
        JoinTiming timing = Poll.until("a first-frame time", Duration.ofSeconds(5),
                () -> JoinTiming.read(browser).firstFrameAt().containsKey(trackId) ? JoinTiming.read(browser) : null,
                () -> JoinTiming.read(browser).raw());
        double afterSubscribe = timing.firstFrameAt().get(trackId) - timing.subscribedAt(trackId);
        assertTrue(afterSubscribe >= 0 && afterSubscribe < 5000, "first frame " + afterSubscribe
                + " ms after subscribing: " + timing.raw());
        // The video element's own report of the first frame's arrival, which GroupCallTest judges by, is there and
        // comes before the poll that saw the frame decoded. (Not necessarily after the 'connected' event: on a busy
        // machine the page's main thread hears of the connection after the network thread received the frame.)
        Double received = timing.firstFrameReceivedAt().get(trackId);
        assertTrue(received != null && received > 0 && received <= timing.firstFrameAt().get(trackId),
                "first frame's receive time " + received + " missing or after the poll that saw it decoded ("
                        + timing.firstFrameAt().get(trackId) + "): " + timing.raw());
        System.out.println("loopback first frame " + Math.round(afterSubscribe) + " ms after subscribe; " + timing);
    }

    private static String url(String path) {
        return "http://" + VireoTestServer.LOOPBACK + ":" + pages.getAddress().getPort() + path;
    }

    private static void serve(String path, String html) {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        pages.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }
}
