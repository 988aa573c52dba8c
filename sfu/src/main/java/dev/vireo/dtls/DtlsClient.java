package dev.vireo.dtls;

import dev.vireo.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/**
 * The DTLS-SRTP client side (RFC 5764), for load tools and tests: DTLS 1.2, ECDHE_ECDSA suites, our certificate
 * sent when asked, the server's certificate bound to the fingerprint its SDP announced.
 */
public final class DtlsClient {
    private DtlsClient() {
    }

    /**
     * Runs the handshake on {@code transport} and blocks until it completes, fails, or
     * {@value Dtls#HANDSHAKE_TIMEOUT_MILLIS} ms pass.
     *
     * @param offered the profiles to offer in use_srtp, best first
     * @return the DTLS transport and the SRTP keys, "local" being the client's
     */
    public static DtlsResult connect(DatagramTransport transport, DtlsCertificate certificate,
                                     Fingerprint expectedServerFingerprint, List<SrtpProfile> offered)
            throws DtlsException {
        Dtls.checkArguments(transport, certificate, expectedServerFingerprint, offered);
        Client client = new Client(certificate, expectedServerFingerprint, List.copyOf(offered));
        return client.srtp.run("server", () -> new DTLSClientProtocol().connect(client, transport));
    }

    private static final class Client extends DefaultTlsClient {
        private final DtlsCertificate certificate;
        private final Fingerprint expectedServer;
        private final List<SrtpProfile> offered;
        private final SrtpNegotiation srtp = new SrtpNegotiation();

        Client(DtlsCertificate certificate, Fingerprint expectedServer, List<SrtpProfile> offered) {
            super(Dtls.CRYPTO);
            this.certificate = certificate;
            this.expectedServer = expectedServer;
            this.offered = offered;
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
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
            TlsSRTPUtils.addUseSRTPExtension(extensions,
                    new UseSRTPData(Dtls.protectionProfileIds(offered), TlsUtils.EMPTY_BYTES));
            return extensions;
        }

        /** RFC 5764 §4.1.1: the server must answer with exactly one of the profiles we offered, and no MKI. */
        @Override
        @SuppressWarnings("rawtypes")
        public void processServerExtensions(Hashtable serverExtensions) throws IOException {
            super.processServerExtensions(serverExtensions);
            UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
            if (chosen == null) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure,
                        "the server did not accept use_srtp (RFC 5764 §4.1.1)");
            }
            int[] ids = chosen.getProtectionProfiles();
            if (ids.length != 1 || chosen.getMki().length != 0) {
                throw new TlsFatalAlert(AlertDescription.illegal_parameter,
                        "the server must choose one SRTP profile and no MKI, chose " + Dtls.describe(ids));
            }
            for (SrtpProfile candidate : offered) {
                if (candidate.protectionProfileId() == ids[0]) {
                    srtp.agree(candidate);
                    return;
                }
            }
            throw new TlsFatalAlert(AlertDescription.illegal_parameter,
                    "the server chose SRTP profile " + Dtls.describe(ids) + ", which we did not offer");
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    Dtls.checkPeerCertificate(serverCertificate.getCertificate(), expectedServer, "server");
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) {
                    return certificate.signer(context);
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            srtp.exportKeys(context);
        }
    }
}
