package dev.vireo.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.buffer.PacketBuffer;
import dev.vireo.srtp.SrtpKeyingMaterial;
import dev.vireo.srtp.SrtpProfile;
import dev.vireo.srtp.SrtpSession;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Real DTLS 1.2 handshakes between {@link DtlsServer} and {@link DtlsClient} over an in-memory datagram link ({@link MemoryLink}). */
class DtlsHandshakeTest {
    private static final List<SrtpProfile> BOTH =
            List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    private static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate();
    private static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate();
    private static final ExecutorService SERVER_THREAD = Executors.newSingleThreadExecutor();

    @AfterAll
    static void stop() {
        SERVER_THREAD.shutdownNow();
    }

    /** Outcome of one handshake, each side's result or failure. */
    private record Outcome(DtlsResult server, DtlsException serverError, DtlsResult client, DtlsException clientError) {
    }

    private static Outcome handshake(Fingerprint expectedClient, List<SrtpProfile> serverPreference,
                                     Fingerprint expectedServer, List<SrtpProfile> clientOffer) throws Exception {
        MemoryLink link = new MemoryLink();
        Future<DtlsResult> server = SERVER_THREAD.submit(
                () -> DtlsServer.accept(link.serverEnd(), SERVER_CERT, expectedClient, serverPreference));
        DtlsResult client = null;
        DtlsException clientError = null;
        try {
            client = DtlsClient.connect(link.clientEnd(), CLIENT_CERT, expectedServer, clientOffer);
        } catch (DtlsException e) {
            clientError = e;
        }
        try {
            return new Outcome(server.get(30, TimeUnit.SECONDS), null, client, clientError);
        } catch (ExecutionException e) {
            return new Outcome(null, (DtlsException) e.getCause(), client, clientError);
        }
    }

    private static Outcome handshake(List<SrtpProfile> serverPreference, List<SrtpProfile> clientOffer)
            throws Exception {
        return handshake(CLIENT_CERT.fingerprint(), serverPreference, SERVER_CERT.fingerprint(), clientOffer);
    }

    @Test
    void bothSidesDeriveMirroredKeysAndSrtpFlowsBothWays() throws Exception {
        Outcome o = handshake(BOTH, BOTH);
        assertNotNull(o.server, () -> "server failed: " + o.serverError);
        assertNotNull(o.client, () -> "client failed: " + o.clientError);

        SrtpKeyingMaterial s = o.server.keys();
        SrtpKeyingMaterial c = o.client.keys();
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, s.profile(), "GCM when both offer it");
        assertEquals(s.profile(), c.profile());
        assertArrayEquals(s.localKey(), c.remoteKey());
        assertArrayEquals(s.localSalt(), c.remoteSalt());
        assertArrayEquals(s.remoteKey(), c.localKey());
        assertArrayEquals(s.remoteSalt(), c.localSalt());
        assertTrue(!Arrays.equals(s.localKey(), s.remoteKey()), "each direction has its own key");

        try (SrtpSession server = new SrtpSession(s); SrtpSession client = new SrtpSession(c)) {
            sendRtp(server, client, 0x11111111);
            sendRtp(client, server, 0x22222222);
        }

        // Application data crosses the DTLS association itself too.
        byte[] hello = "hello over DTLS".getBytes(StandardCharsets.US_ASCII);
        o.client.transport().send(hello, 0, hello.length);
        byte[] buf = new byte[2048];
        int n = o.server.transport().receive(buf, 0, buf.length, 5000);
        assertEquals("hello over DTLS", new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII));
        o.client.transport().close();
        o.server.transport().close();
    }

    private static void sendRtp(SrtpSession from, SrtpSession to, int ssrc) {
        byte[] rtp = new byte[200];
        rtp[0] = (byte) 0x80;
        rtp[1] = 111;
        rtp[3] = 7;
        rtp[8] = (byte) (ssrc >>> 24);
        rtp[9] = (byte) (ssrc >>> 16);
        rtp[10] = (byte) (ssrc >>> 8);
        rtp[11] = (byte) ssrc;
        for (int i = 12; i < rtp.length; i++) {
            rtp[i] = (byte) i;
        }
        PacketBuffer p = PacketBuffer.unpooled().copyFrom(rtp, 0, rtp.length);
        assertTrue(from.protectRtp(p));
        assertTrue(to.unprotectRtp(p), "the peer's session decrypts what this one protected");
        assertArrayEquals(rtp, Arrays.copyOfRange(p.array(), p.offset(), p.offset() + p.length()));
    }

    @Test
    void aesCmWhenTheClientOffersOnlyThat() throws Exception {
        Outcome o = handshake(BOTH, List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80));
        assertNotNull(o.server, () -> "server failed: " + o.serverError);
        assertNotNull(o.client, () -> "client failed: " + o.clientError);
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, o.server.keys().profile());
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, o.client.keys().profile());
        try (SrtpSession server = new SrtpSession(o.server.keys());
             SrtpSession client = new SrtpSession(o.client.keys())) {
            sendRtp(client, server, 0x33333333);
        }
    }

    @Test
    void theServersPreferenceDecides() throws Exception {
        Outcome o = handshake(List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AEAD_AES_128_GCM), BOTH);
        assertNotNull(o.server, () -> "server failed: " + o.serverError);
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, o.server.keys().profile());
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, o.client.keys().profile());
    }

    @Test
    void noCommonProfileFailsBothSides() throws Exception {
        Outcome o = handshake(List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80), List.of(SrtpProfile.AEAD_AES_128_GCM));
        assertNotNull(o.serverError);
        assertNotNull(o.clientError);
        assertTrue(o.serverError.getMessage().contains("no common SRTP protection profile"),
                o.serverError.getMessage());
        assertTrue(o.clientError.getMessage().contains("handshake_failure"), o.clientError.getMessage());
    }

    @Test
    void serverRefusesAClientWhoseCertificateDoesNotMatch() throws Exception {
        Fingerprint someoneElse = DtlsCertificate.generate().fingerprint();
        Outcome o = handshake(someoneElse, BOTH, SERVER_CERT.fingerprint(), BOTH);
        assertNotNull(o.serverError, "the server must fail");
        assertTrue(o.serverError.getMessage().contains("client's certificate"), o.serverError.getMessage());
        assertTrue(o.serverError.getMessage().contains(CLIENT_CERT.fingerprintSdpValue()), o.serverError.getMessage());
        // The client learns it from the alert the server sent, not from a timeout.
        assertNotNull(o.clientError, "the client must fail too");
        assertTrue(o.clientError.getMessage().contains("alert bad_certificate"), o.clientError.getMessage());
    }

    @Test
    void clientRefusesAServerWhoseCertificateDoesNotMatch() throws Exception {
        Fingerprint someoneElse = DtlsCertificate.generate().fingerprint();
        Outcome o = handshake(CLIENT_CERT.fingerprint(), BOTH, someoneElse, BOTH);
        assertNotNull(o.clientError, "the client must fail");
        assertTrue(o.clientError.getMessage().contains("server's certificate"), o.clientError.getMessage());
        assertNotNull(o.serverError, "the server must fail too");
        assertTrue(o.serverError.getMessage().contains("alert bad_certificate"), o.serverError.getMessage());
    }

    @Test
    void refusesAnEmptyProfileList() {
        MemoryLink link = new MemoryLink();
        assertThrows(IllegalArgumentException.class,
                () -> DtlsServer.accept(link.serverEnd(), SERVER_CERT, CLIENT_CERT.fingerprint(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> DtlsClient.connect(link.clientEnd(), CLIENT_CERT, SERVER_CERT.fingerprint(), List.of()));
    }
}
