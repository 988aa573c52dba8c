package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.vireo.e2e.MediaChecks.Expectation;
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

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

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

        // 1. Both fingerprints lie. The server may answer either PeerConnection first and end the whole stay when
        //    one handshake fails, so the proof that DTLS was reached (not just refused earlier) is ICE connecting.
        liar.open(server.baseUrl() + "/");
        long started = System.nanoTime();
        String liarId = String.valueOf(liar.jsResource("munged-peer.js",
                server.signalingUri().toString(), ROOM, "liar", true));
        Poll.until("the liar's ICE to connect (so that DTLS is what stops it)", OBSERVE,
                () -> iceConnected(liarState(liar)) ? Boolean.TRUE : null, () -> "liar: " + liarState(liar));
        Poll.sleep(OBSERVE.minusNanos(System.nanoTime() - started));
        assertNoMediaFor(liarState(liar), a, true);

        // 2. Only the publish fingerprint lies; subscribe answers are honest. The server must still answer the
        //    publish offer (so the check below is about DTLS, not SDP) and never accept that DTLS handshake.
        liar.open(server.baseUrl() + "/");
        started = System.nanoTime();
        String publishLiarId = String.valueOf(liar.jsResource("munged-peer.js",
                server.signalingUri().toString(), ROOM, "publish-liar", false));
        Poll.until("the server to answer the publish liar's offer", Duration.ofSeconds(5),
                () -> Boolean.TRUE.equals(liarState(liar).get("publishAnswered")) ? Boolean.TRUE : null,
                () -> "liar: " + liarState(liar));
        Poll.sleep(OBSERVE.minusNanos(System.nanoTime() - started));
        assertNoMediaFor(liarState(liar), a, false);
        System.out.println("liars " + liarId + " and " + publishLiarId + " got no media through");

        // Honest participants decoded nothing from the liar: a's only other peer is b.
        for (VireoPage honestPage : List.of(a, b)) {
            String peer = honestPage == a ? bId : aId;
            long fromOthers = WebRtcStats.inbound(honestPage.browser()).stream()
                    .filter(s -> s.isVideo() && !peer.equals(s.participantId()))
                    .mapToLong(WebRtcStats.Inbound::framesDecoded).sum();
            assertEquals(0L, fromOthers, honestPage.label() + " decoded video not from its honest peer (liar "
                    + liarId + ", " + publishLiarId + ")\n" + MediaChecks.inboundSummary(honestPage));
        }
        MediaChecks.assertFlowing(honest, true, true);
        assertEquals("joined", a.state(), "honest participant's state after the liar's attempt");
        assertEquals("joined", b.state(), "honest participant's state after the liar's attempt");
    }

    /**
     * The liar's PeerConnections never finished DTLS; if its subscribe answers lied too, it received nothing.
     * The publish side is checked by the honest peers decoding nothing from the liar.
     */
    private static void assertNoMediaFor(Map<?, ?> state, VireoPage honest, boolean subscribeLied) {
        String report = "liar: " + state + "\n" + MediaChecks.inboundSummary(honest);
        assertTrue(((Number) state.get("fingerprintsReplaced")).intValue() > 0,
                "the liar's SDP had no sha-256 fingerprint to replace: " + report);
        Map<?, ?> states = (Map<?, ?>) state.get("states");
        assertFalse(reachedConnected(states.get("publish")),
                "publish PC with a mismatched fingerprint reached 'connected': " + report);
        if (subscribeLied) {
            assertFalse(reachedConnected(states.get("subscribe")),
                    "subscribe PC with a mismatched fingerprint reached 'connected': " + report);
            Map<?, ?> subscribe = (Map<?, ?>) state.get("subscribe");
            assertEquals(0L, ((Number) subscribe.get("inboundBytes")).longValue(), "the liar received media: " + report);
            assertEquals(0L, ((Number) subscribe.get("inboundFrames")).longValue(), "the liar decoded frames: " + report);
        }
        System.out.println("fingerprint liar (subscribe lied: " + subscribeLied + "): " + state);
    }

    private static boolean iceConnected(Map<?, ?> state) {
        Map<?, ?> states = (Map<?, ?>) state.get("states");
        return ((List<?>) states.get("publish")).stream().anyMatch(FingerprintMismatchTest::iceUp)
                || ((List<?>) states.get("subscribe")).stream().anyMatch(FingerprintMismatchTest::iceUp);
    }

    private static boolean iceUp(Object entry) {
        String ice = String.valueOf(entry).replaceFirst("^[^/]*/", "");
        return ice.equals("connected") || ice.equals("completed");
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
