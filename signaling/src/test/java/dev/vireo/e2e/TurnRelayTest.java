package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.e2e.MediaChecks.Expectation;
import dev.vireo.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TURN end to end, on loopback: a real coturn started by the test, a Vireo server that hands out time-limited
 * credentials for it in {@code joined}, and two Chromiums that may only use relay candidates
 * ({@code ?relay=1}, {@code iceTransportPolicy: 'relay'}). They decode each other's video, and the selected
 * candidate pair of both their PeerConnections has a relay candidate on their side. With a server that holds the
 * wrong secret, coturn refuses the credentials and nothing connects.
 */
class TurnRelayTest {
    private static final String ROOM = "turn-relay";
    private static final Duration JOIN = Duration.ofSeconds(15);
    private static final Duration FIRST_MEDIA = Duration.ofSeconds(20);
    private static final Duration REFUSED_WINDOW = Duration.ofSeconds(8);
    /** The server's disconnect timeout: coturn is one more process in the media path for a loaded machine to stall. */
    private static final Duration MEDIA_SILENCE = Duration.ofSeconds(15);
    private static final Duration PAIR = Duration.ofSeconds(30);

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @Test
    void relayOnlyBrowsersDecodeEachOtherThroughCoturn() {
        try (Coturn coturn = Coturn.start();
             VireoTestServer server = VireoTestServer.start(new ServerConfig.Turn(List.of(coturn.url()),
                     coturn.secret(), Duration.ofHours(1)), MEDIA_SILENCE)) {
            List<ChromiumBrowser> browsers = fleet.launch("alice", "bob");
            VireoPage alice = new VireoPage(browsers.get(0), fleet::diagnostics);
            VireoPage bob = new VireoPage(browsers.get(1), fleet::diagnostics);
            alice.browser().open(server.joinUrl(ROOM, "alice", "&relay=1"));
            bob.browser().open(server.joinUrl(ROOM, "bob", "&relay=1"));
            String aliceId = alice.awaitJoined(JOIN);
            String bobId = bob.awaitJoined(JOIN);
            List<Expectation> both = List.of(new Expectation(bob, aliceId, "alice"),
                    new Expectation(alice, bobId, "bob"));
            MediaChecks.awaitFirstVideo(both, FIRST_MEDIA);
            MediaChecks.assertFlowing(both, true, true);

            for (VireoPage page : List.of(alice, bob)) {
                for (String pc : List.of("publish", "subscribe")) {
                    Map<?, ?> pair = Poll.until(page.label() + "'s selected " + pc + " pair", PAIR,
                            () -> page.browser().jsResource("selected-pair.js", pc) instanceof Map<?, ?> m ? m : null,
                            fleet::diagnostics);
                    System.out.println("TURN: " + page.label() + " " + pc + " pair " + pair);
                    assertEquals("relay", pair.get("localType"), page.label() + " " + pc + ": " + pair);
                    assertEquals("udp", pair.get("relayProtocol"), page.label() + " " + pc + ": " + pair);
                    assertTrue(String.valueOf(pair.get("localAddress")).startsWith("127.0.0.1:"), pair.toString());
                    assertEquals("127.0.0.1:" + server.mediaPort(), pair.get("remoteAddress"),
                            "the relay talks to Vireo's media port: " + pair);
                }
            }
            // coturn allocated for each participant with its own time-limited username "<expiry>:<participant id>".
            List<String> log = coturn.log();
            for (String id : List.of(aliceId, bobId)) {
                assertTrue(log.stream().anyMatch(line -> line.matches(".*user <\\d{10}:" + id
                                + ">: incoming packet ALLOCATE processed, success.*")),
                        "coturn logged no allocation for " + id + ":\n" + String.join("\n", log));
            }
            assertFalse(log.stream().anyMatch(line -> line.contains(coturn.secret())),
                    "the secret shows up in coturn's log");
            // The public page config has no TURN credentials and no secret: those go only to joined participants.
            String clientConfig = get(server.baseUrl() + "/api/client-config");
            assertFalse(clientConfig.contains(coturn.secret()) || clientConfig.contains("credential"), clientConfig);
            for (VireoPage page : List.of(alice, bob)) {
                Object html = page.browser().js("return document.documentElement.outerHTML + JSON.stringify("
                        + "window.vireo.publishPc.getConfiguration())");
                assertFalse(String.valueOf(html).contains(coturn.secret()), page.label() + "'s page holds the secret");
            }
        }
    }

    private static String get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void credentialsMadeWithTheWrongSecretAreRefusedAndNothingConnects() {
        try (Coturn coturn = Coturn.start();
             VireoTestServer server = VireoTestServer.start(new ServerConfig.Turn(List.of(coturn.url()),
                     "not-" + coturn.secret(), Duration.ofHours(1)), MEDIA_SILENCE)) {
            VireoPage carol = new VireoPage(fleet.launchOne("carol"), fleet::diagnostics);
            carol.browser().open(server.joinUrl(ROOM, "carol", "&relay=1"));
            String carolId = carol.awaitJoined(JOIN);
            Poll.sleep(REFUSED_WINDOW);
            for (String pc : List.of("publish", "subscribe")) {
                Object pair = carol.browser().jsResource("selected-pair.js", pc);
                assertEquals(null, pair, "carol's " + pc + " PeerConnection connected with refused credentials");
            }
            // Refused as a wrong password for carol's username, not for a missing one.
            List<String> log = coturn.log();
            assertTrue(log.stream().anyMatch(line -> line.matches(".*user <\\d{10}:" + carolId
                            + ">: .*error 401.*")),
                    "coturn did not refuse carol's credential:\n" + String.join("\n", log));
            assertFalse(log.stream().anyMatch(line -> line.contains("ALLOCATE processed, success")),
                    "coturn allocated a relay for a credential made with the wrong secret");
        }
    }
}
