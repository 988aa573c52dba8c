package dev.vireo.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DtlsCertificateTest {

    @Test
    void isASelfSignedP256CertificateForVireo() throws Exception {
        DtlsCertificate certificate = DtlsCertificate.generate();
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.derEncoded()));

        assertEquals("CN=vireo", x509.getSubjectX500Principal().getName());
        assertEquals(x509.getSubjectX500Principal(), x509.getIssuerX500Principal());
        x509.verify(x509.getPublicKey()); // throws unless self-signed with this key
        assertEquals("SHA256withECDSA", x509.getSigAlgName());
        ECPublicKey key = (ECPublicKey) x509.getPublicKey();
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
        assertTrue(x509.getSerialNumber().signum() > 0);

        Instant now = Instant.now();
        Instant notBefore = x509.getNotBefore().toInstant();
        Instant notAfter = x509.getNotAfter().toInstant();
        assertTrue(notBefore.isBefore(now.minus(Duration.ofHours(23))), "valid since about a day: " + notBefore);
        assertTrue(notBefore.isAfter(now.minus(Duration.ofHours(25))), "valid since about a day: " + notBefore);
        assertEquals(Duration.ofDays(30).toSeconds(), Duration.between(notBefore, notAfter).toSeconds(), 2);
        x509.checkValidity();
    }

    @Test
    void fingerprintIsTheSha256OfTheDerInSdpForm() throws Exception {
        DtlsCertificate certificate = DtlsCertificate.generate();
        String sdp = certificate.fingerprintSdpValue();
        assertTrue(sdp.matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"), sdp);

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.derEncoded());
        String hex = HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        assertEquals("sha-256 " + hex, sdp);
        assertTrue(Fingerprint.parse(sdp).matches(certificate.derEncoded()));
    }

    @Test
    void everyCertificateIsNew() {
        DtlsCertificate a = DtlsCertificate.generate();
        DtlsCertificate b = DtlsCertificate.generate();
        assertNotEquals(a.fingerprintSdpValue(), b.fingerprintSdpValue());
    }
}
