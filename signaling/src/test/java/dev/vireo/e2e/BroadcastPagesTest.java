package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The broadcast pages in Chromium: the host goes live from {@code /live/{room}}, a viewer on {@code /watch/{room}}
 * decodes 1280x720 muted and can unmute, {@code /streams} lists the stream, both pages show the viewer, and when the
 * stream is stopped both say "ended".
 */
class BroadcastPagesTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();
    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @Test
    void hostGoesLiveViewerWatchesThenTheStreamEnds() {
        StreamsApi api = new StreamsApi(server.get());
        JsonObject stream = api.create("Pages", true);
        String room = stream.get("room").getAsString();
        String id = stream.get("id").getAsString();
        List<ChromiumBrowser> browsers = fleet.launch("host", "viewer", "lister");
        ChromiumBrowser host = browsers.get(0);
        ChromiumBrowser viewer = browsers.get(1);
        ChromiumBrowser lister = browsers.get(2);

        viewer.open(server.baseUrl() + "/watch/" + room);
        awaitState(viewer, "offline");

        host.open(server.baseUrl() + "/live/" + room + "?token=" + stream.get("publishToken").getAsString());
        Poll.until("camera preview", Duration.ofSeconds(10),
                () -> host.driver().findElement(By.id("go-live")).isEnabled() ? true : null, host::diagnostics);
        host.driver().findElement(By.id("go-live")).click();
        awaitState(host, "live");

        WhipWhepBrowserTest.awaitDecoded(viewer, 1280, 720, Duration.ofSeconds(30));
        awaitState(viewer, "live");
        assertEquals(Boolean.TRUE, viewer.js("return document.getElementById('player').muted"),
                "the player starts muted");
        viewer.driver().findElement(By.id("unmute")).click();
        assertEquals(Boolean.FALSE, viewer.js("return document.getElementById('player').muted"));
        awaitText(viewer, "viewers", "1");
        awaitText(host, "viewers", "1");
        awaitText(host, "resolution", "1280x720");
        Poll.until("host bitrate", Duration.ofSeconds(10),
                () -> text(host, "bitrate").endsWith("bit/s") ? true : null, () -> text(host, "bitrate"));
        Poll.until("viewer latency", Duration.ofSeconds(10),
                () -> text(viewer, "latency").endsWith(" ms") ? true : null, () -> text(viewer, "latency"));

        lister.open(server.baseUrl() + "/streams");
        Poll.until("/streams lists the stream", Duration.ofSeconds(10),
                () -> lister.exists("a[data-room='" + room + "']") ? true : null, lister::diagnostics);
        String href = lister.driver().findElement(By.cssSelector("a[data-room='" + room + "']"))
                .getAttribute("href");
        assertTrue(href.endsWith("/watch/" + room), href);

        assertEquals(200, api.stop(id).status());
        awaitState(viewer, "ended");
        awaitState(host, "ended");
    }

    static void awaitState(ChromiumBrowser page, String state) {
        Poll.until(page.label() + " says " + state, Duration.ofSeconds(20),
                () -> state.equals(page.js("return document.body.dataset.state")) ? true : null,
                () -> page.label() + " state " + page.js("return document.body.dataset.state") + "\n"
                        + page.diagnostics());
    }

    static void awaitText(ChromiumBrowser page, String elementId, String expected) {
        Poll.until(page.label() + " #" + elementId + " = " + expected, Duration.ofSeconds(10),
                () -> expected.equals(text(page, elementId)) ? true : null, () -> text(page, elementId));
    }

    static String text(ChromiumBrowser page, String elementId) {
        return String.valueOf(page.js("return document.getElementById(arguments[0]).textContent", elementId));
    }
}
