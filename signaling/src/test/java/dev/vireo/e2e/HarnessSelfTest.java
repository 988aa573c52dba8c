package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness itself: Chromium starts from the Debian paths and its fake camera gives what the web client asks. */
class HarnessSelfTest {
    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @Test
    void fakeCameraGives720pAt30FpsForTheWebClientsIdealConstraints() throws Exception {
        // getUserMedia needs a secure context: a data: URL is not one, http://127.0.0.1 is.
        HttpServer page = HttpServer.create(new InetSocketAddress(VireoTestServer.LOOPBACK, 0), 0);
        page.createContext("/", exchange -> {
            byte[] body = "<!doctype html><title>harness</title>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        page.start();
        try {
            checkFakeCamera("http://" + VireoTestServer.LOOPBACK + ":" + page.getAddress().getPort() + "/");
        } finally {
            page.stop(0);
        }
    }

    private void checkFakeCamera(String url) {
        ChromiumBrowser browser = fleet.launchOne("self-test");
        browser.open(url);
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
}
