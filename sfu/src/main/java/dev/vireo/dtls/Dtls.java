package dev.vireo.dtls;

import dev.vireo.srtp.SrtpProfile;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** What the DTLS server and client share: crypto, cipher suites, timeouts, argument,
 * certificate and failure handling. */
final class Dtls {
    /** BouncyCastle's lightweight crypto; SecureRandom is thread-safe, so one instance serves every handshake. */
    static final BcTlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());

    /**
     * ECDHE with our ECDSA key, in preference order; the ones Chromium and Firefox offer for DTLS 1.2. AEAD first,
     * CBC last for older stacks.
     */
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    };

    /** The whole handshake, retransmissions included, must finish within this. */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private Dtls() {
    }

    /**
     * Refuses a peer certificate that is missing or does not hash to the fingerprint its SDP announced
     * (RFC 8122 §5, RFC 5763 §5). BouncyCastle sends the alert when this throws.
     */
    static void checkPeerCertificate(Certificate chain, Fingerprint expected, String peer) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the " + peer + " sent no certificate");
        }
        byte[] der = chain.getCertificateAt(0).getEncoded();
        if (!expected.matches(der)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "the " + peer + "'s certificate ("
                    + Fingerprint.of(expected.algorithm(), der) + ") does not match the fingerprint in its SDP ("
                    + expected + ")");
        }
    }

    static int[] protectionProfileIds(List<SrtpProfile> profiles) {
        int[] ids = new int[profiles.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = profiles.get(i).protectionProfileId();
        }
        return ids;
    }

    static String describe(int[] protectionProfileIds) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < protectionProfileIds.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format("0x%04x", protectionProfileIds[i]));
        }
        return sb.append(']').toString();
    }

    /** The arguments {@link DtlsClient#connect} and {@link DtlsServer#accept} share, checked the same way. */
    static void checkArguments(DatagramTransport transport, DtlsCertificate certificate, Fingerprint expectedPeer,
                               List<SrtpProfile> profiles) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(expectedPeer, "expected peer fingerprint");
        if (profiles == null || profiles.isEmpty()) {
            throw new IllegalArgumentException("at least one SRTP profile is required");
        }
        for (SrtpProfile profile : profiles) { // not contains(null): List.of() throws on it
            if (profile == null) {
                throw new IllegalArgumentException("null SRTP profile in " + profiles);
            }
        }
    }

    /** Turns what BouncyCastle threw into one message that says which side gave up and why. */
    static DtlsException failure(String peer, IOException e) {
        if (e instanceof TlsTimeoutException) {
            return new DtlsException("DTLS handshake with the " + peer + " timed out after "
                    + HANDSHAKE_TIMEOUT_MILLIS / 1000 + " s", e);
        }
        if (e instanceof TlsFatalAlertReceived received) {
            return new DtlsException("the " + peer + " aborted the DTLS handshake with alert "
                    + AlertDescription.getText(received.getAlertDescription()), e);
        }
        if (e instanceof TlsFatalAlert alert) {
            // BouncyCastle's message is "<alert>; <detail>" when a detail was given.
            String name = AlertDescription.getText(alert.getAlertDescription());
            String message = alert.getMessage();
            String detail = message != null && message.startsWith(name + "; ")
                    ? ": " + message.substring(name.length() + 2) : "";
            return new DtlsException("DTLS handshake with the " + peer + " failed, sent alert " + name + detail, e);
        }
        return new DtlsException("DTLS handshake with the " + peer + " failed: " + e, e);
    }
}
