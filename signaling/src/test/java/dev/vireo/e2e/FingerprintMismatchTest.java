package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.vireo.e2e.MediaChecks.Expectation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client whose DTLS certificate does not match the fingerprint in its SDP must get no media through, and must
 * not send any to others, while the server keeps serving the honest participants in the same room.
 */
class FingerprintMismatchTest {
    private static final String ROOM = "fingerprint";
    private static final Duration JOIN = Duration.ofSeconds(15);
    private static final Duration FIRST_MEDIA = Duration.ofSeconds(15);
    private static final Duration OBSERVE = Duration.ofSeconds(6);

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
    void mismatchedFingerprintGetsNoMediaAndHonestPeersAreUnaffected() {
        List<ChromiumBrowser> browsers = fleet.launch("honest-a", "honest-b", "liar");
        browsers.get(0).open(server.joinUrl(ROOM, "honest-a", ""));
        browsers.get(1).open(server.joinUrl(ROOM, "honest-b", ""));
        VireoPage a = new VireoPage(browsers.get(0), fleet::diagnostics);
        VireoPage b = new VireoPage(browsers.get(1), fleet::diagnostics);
        String aId = a.awaitJoined(JOIN);
        String bId = b.awaitJoined(JOIN);
        List<Expectation> honest = List.of(new Expectation(a, bId, b.label()), new Expectation(b, aId, a.label()));
        MediaChecks.awaitFirstVideo(honest, FIRST_MEDIA);

        ChromiumBrowser liar = browsers.get(2);
        liar.open(server.baseUrl() + "/");
        String liarId = String.valueOf(liar.jsResource("munged-peer.js",
                server.signalingUri().toString(), ROOM, "liar"));

        Poll.until("the server to answer the liar's publish offer", Duration.ofSeconds(5),
                () -> Boolean.TRUE.equals(liarState(liar).get("publishAnswered")) ? Boolean.TRUE : null,
                () -> "liar: " + liarState(liar));
        Poll.sleep(OBSERVE);

        Map<?, ?> state = liarState(liar);
        String report = "liar: " + state + "\n" + MediaChecks.inboundSummary(a);
        assertTrue(((Number) state.get("fingerprintsReplaced")).intValue() > 0,
                "the liar's SDP had no sha-256 fingerprint to replace: " + report);
        Map<?, ?> states = (Map<?, ?>) state.get("states");
        assertFalse(reachedConnected(states.get("publish")),
                "publish PC with a mismatched fingerprint reached 'connected': " + report);
        assertFalse(reachedConnected(states.get("subscribe")),
                "subscribe PC with a mismatched fingerprint reached 'connected': " + report);
        Map<?, ?> subscribe = (Map<?, ?>) state.get("subscribe");
        assertEquals(0L, ((Number) subscribe.get("inboundBytes")).longValue(),
                "the liar received media: " + report);
        assertEquals(0L, ((Number) subscribe.get("inboundFrames")).longValue(),
                "the liar decoded frames: " + report);

        // Honest participants decoded nothing from the liar: a's only other peer is b.
        for (VireoPage honestPage : List.of(a, b)) {
            String peer = honestPage == a ? bId : aId;
            long fromOthers = WebRtcStats.inbound(honestPage.browser()).stream()
                    .filter(s -> s.isVideo() && !peer.equals(s.participantId()))
                    .mapToLong(WebRtcStats.Inbound::framesDecoded).sum();
            assertEquals(0L, fromOthers, honestPage.label() + " decoded video not from its honest peer (liar "
                    + liarId + ")\n" + MediaChecks.inboundSummary(honestPage));
        }
        MediaChecks.assertFlowing(honest, true, true);
        assertEquals("joined", a.state(), "honest participant's state after the liar's attempt");
        assertEquals("joined", b.state(), "honest participant's state after the liar's attempt");
    }

    /** Entries are "connectionState/iceConnectionState"; ICE may connect, DTLS must not. */
    private static boolean reachedConnected(Object states) {
        return ((List<?>) states).stream().anyMatch(s -> String.valueOf(s).startsWith("connected/"));
    }

    private static Map<?, ?> liarState(ChromiumBrowser liar) {
        Map<?, ?> s = (Map<?, ?>) liar.jsResource("munged-peer-state.js");
        if (s == null) {
            throw new AssertionError("the munged client did not start");
        }
        return s;
    }
}
