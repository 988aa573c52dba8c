package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The web client's pages load from the server and run in Chromium without a console error. */
class WebClientPagesTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @Test
    void homeAndRoomPagesLoadWithoutConsoleErrors() throws Exception {
        for (String path : List.of("/", "/room/x")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "GET " + path);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                    "GET " + path + " content type " + response.headers().firstValue("Content-Type"));
        }

        ChromiumBrowser browser = fleet.launchOne("pages");
        browser.open(server.baseUrl() + "/");
        settle(browser);
        assertNoConsoleErrors(browser, "/");

        browser.open(server.baseUrl() + "/room/x");
        settle(browser);
        assertTrue(browser.exists("#tiles"), "/room/x has no #tiles\n" + browser.diagnostics());
        Object state = browser.js("return window.vireo ? window.vireo.state : 'window.vireo missing'");
        assertEquals("prejoin", state, "/room/x without autojoin\n" + browser.diagnostics());
        assertNoConsoleErrors(browser, "/room/x");
    }

    /** Module scripts and their imports run after 'load'; give late errors a moment to reach the console. */
    private static void settle(ChromiumBrowser browser) {
        Poll.sleep(Duration.ofMillis(1500));
    }

    private static void assertNoConsoleErrors(ChromiumBrowser browser, String path) {
        List<String> errors = browser.consoleLog().stream().filter(line -> line.startsWith("SEVERE")).toList();
        assertTrue(errors.isEmpty(), "console errors on " + path + ":\n" + String.join("\n", errors));
    }
}
