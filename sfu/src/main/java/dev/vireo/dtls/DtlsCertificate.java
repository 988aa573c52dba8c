package dev.vireo.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;

/**
 * This endpoint's DTLS identity: an ECDSA P-256 key and a self-signed certificate for it, as WebRTC uses
 * (RFC 8827 §6.5: the certificate is bound to the session by its fingerprint in SDP, not by a CA).
 *
 * <p>Immutable and safe to share between any number of concurrent handshakes.
 */
public final class DtlsCertificate {
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final AsymmetricKeyParameter privateKey;
    private final byte[] der;
    private final Certificate chain;
    private final Fingerprint fingerprint;

    private DtlsCertificate(AsymmetricKeyParameter privateKey, byte[] der) throws IOException {
        this.privateKey = privateKey;
        this.der = der;
        TlsCertificate tlsCertificate = Dtls.CRYPTO.createCertificate(der);
        this.chain = new Certificate(new TlsCertificate[] {tlsCertificate});
        this.fingerprint = Fingerprint.of("sha-256", der);
    }

    /**
     * A new key pair and certificate: subject and issuer CN=vireo, a random 63-bit serial, valid from a day ago
     * (peers with a slow clock must not see it as not yet valid) for 30 days.
     */
    public static DtlsCertificate generate() {
        SecureRandom random = Dtls.CRYPTO.getSecureRandom();
        // CustomNamedCurves, not asn1.x9.ECNamedCurveTable: the latter gives a generic curve over BigInteger, and every
        // handshake signs with this key (ServerKeyExchange or CertificateVerify). Measured with an in-memory handshake
        // pair: signing on the generic curve was about 40% of a warm handshake's CPU.
        ECNamedDomainParameters p256 = new ECNamedDomainParameters(X9ObjectIdentifiers.prime256v1,
                CustomNamedCurves.getByOID(X9ObjectIdentifiers.prime256v1));
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(p256, random));
        AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();

        Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        X500Name name = new X500Name("CN=vireo");
        BigInteger serial = new BigInteger(63, random).add(BigInteger.ONE);
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, serial, Date.from(notBefore),
                    Date.from(notBefore.plus(VALIDITY)), name,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keyPair.getPublic()));
            AlgorithmIdentifier signatureAlgorithm =
                    new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digestAlgorithm =
                    new DefaultDigestAlgorithmIdentifierFinder().find(signatureAlgorithm);
            byte[] der = builder.build(new BcECContentSignerBuilder(signatureAlgorithm, digestAlgorithm)
                    .build(keyPair.getPrivate())).getEncoded();
            return new DtlsCertificate(keyPair.getPrivate(), der);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a certificate in memory failed", e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("BouncyCastle has no SHA256withECDSA signer", e);
        }
    }

    /** The SHA-256 fingerprint of the certificate. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** The value of this certificate's {@code a=fingerprint} SDP attribute: {@code "sha-256 AB:CD:..."}. */
    public String fingerprintSdpValue() {
        return fingerprint.toSdpValue();
    }

    /** The certificate, DER-encoded. */
    public byte[] derEncoded() {
        return der.clone();
    }

    /** Signing credentials for one handshake: ECDSA with SHA-256, the only pair a P-256 key should use in TLS 1.2. */
    TlsCredentialedSigner signer(TlsContext context) {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), Dtls.CRYPTO, privateKey, chain,
                SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }
}
