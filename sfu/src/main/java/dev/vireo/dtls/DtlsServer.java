package dev.vireo.dtls;

import dev.vireo.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/**
 * The DTLS-SRTP server side (RFC 5764) of a WebRTC transport, on BouncyCastle: DTLS 1.2 only, ECDHE_ECDSA suites,
 * a client certificate required and bound to the fingerprint its SDP announced, and an SRTP profile chosen by our
 * preference among those the client offered in {@code use_srtp}.
 */
public final class DtlsServer {
    private DtlsServer() {
    }

    /**
     * Runs the handshake on {@code transport} (which must already carry only DTLS records) and blocks until it
     * completes, fails, or {@value Dtls#HANDSHAKE_TIMEOUT_MILLIS} ms pass.
     *
     * @param preference the profiles we accept, best first
     * @return the DTLS transport and the SRTP keys, "local" being the server's
     * @throws DtlsException with a message that names the reason; a fatal alert has been sent to the client when
     *                       the failure was ours to report (wrong certificate, no common profile)
     */
    public static DtlsResult accept(DatagramTransport transport, DtlsCertificate certificate,
                                    Fingerprint expectedClientFingerprint, List<SrtpProfile> preference)
            throws DtlsException {
        Dtls.checkArguments(transport, certificate, expectedClientFingerprint, preference);
        Server server = new Server(certificate, expectedClientFingerprint, List.copyOf(preference));
        DTLSServerProtocol protocol = new DTLSServerProtocol();
        // HelloVerifyRequest (RFC 6347 §4.2.1) guards against spoofed sources; ICE connectivity checks have already
        // proven the client's address, so the cookie round trip would only delay media.
        protocol.setVerifyRequests(false);
        return server.srtp.run("client", () -> protocol.accept(server, transport));
    }

    private static final class Server extends DefaultTlsServer {
        private final DtlsCertificate certificate;
        private final Fingerprint expectedClient;
        private final List<SrtpProfile> preference;
        private final SrtpNegotiation srtp = new SrtpNegotiation();

        Server(DtlsCertificate certificate, Fingerprint expectedClient, List<SrtpProfile> preference) {
            super(Dtls.CRYPTO);
            this.certificate = certificate;
            this.expectedClient = expectedClient;
            this.preference = preference;
        }

        @Override
        public ProtocolVersion[] getProtocolVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), Dtls.CIPHER_SUITES);
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return Dtls.HANDSHAKE_TIMEOUT_MILLIS;
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() {
            return certificate.signer(context);
        }

        /** Asks for the client's certificate: it is what the SDP fingerprint authenticates (RFC 5763 §5). */
        @Override
        @SuppressWarnings("rawtypes")
        public CertificateRequest getCertificateRequest() {
            Vector signatureAlgorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
            return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                    signatureAlgorithms, null);
        }

        @Override
        public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
            Dtls.checkPeerCertificate(clientCertificate, expectedClient, "client");
        }

        /** RFC 5764 §4.1.1: pick one profile the client listed in use_srtp, by our order of preference. */
        @Override
        @SuppressWarnings("rawtypes")
        public void processClientExtensions(Hashtable clientExtensions) throws IOException {
            super.processClientExtensions(clientExtensions);
            UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
            if (offered == null) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure,
                        "the client offered no use_srtp extension (RFC 5764 §4.1.1)");
            }
            int[] ids = offered.getProtectionProfiles();
            for (SrtpProfile candidate : preference) {
                for (int id : ids) {
                    if (id == candidate.protectionProfileId()) {
                        srtp.agree(candidate);
                        return;
                    }
                }
            }
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP protection profile: the client"
                    + " offered " + Dtls.describe(ids) + ", we accept " + preference);
        }

        /** Echoes the chosen profile with an empty MKI: Vireo does not use MKIs. */
        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getServerExtensions() throws IOException {
            Hashtable extensions = super.getServerExtensions();
            TlsSRTPUtils.addUseSRTPExtension(extensions,
                    new UseSRTPData(new int[] {srtp.profile().protectionProfileId()}, TlsUtils.EMPTY_BYTES));
            return extensions;
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            srtp.exportKeys(context);
        }
    }
}
