package dev.vireo.srtp;

import static dev.vireo.srtp.SrtpReference.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.buffer.PacketBuffer;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.SrtpCipherCtr;
import org.junit.jupiter.api.Test;

/** The SRTP transforms held to the published test vectors. */
class SrtpVectorsTest {

    // ---- RFC 3711 Appendix B.2: AES-CM keystream --------------------------------------------------------------

    /**
     * RFC 3711 B.2: session key 2B7E1516..., salt F0F1...FD, ROC 0, SEQ 0, SSRC 0, so the first counter block is
     * F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000. Run through jitsi-srtp's own CTR cipher, from the back end it was pinned to.
     */
    @Test
    void rfc3711B2AesCmKeystreamThroughJitsiCipher() throws Exception {
        SrtpCipherCtr ctr = new SrtpCipherCtr(Aes.createCipher("AES/CTR/NoPadding"));
        ctr.init(hex("2B7E151628AED2A6ABF7158809CF4F3C"), null);
        ctr.setIV(hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), Cipher.ENCRYPT_MODE);
        byte[] keystream = new byte[0xFF02 * 16];
        ctr.process(keystream, 0, keystream.length);

        assertEquals("e03ead0935c95e80e166b16dd92b4eb4", block(keystream, 0x0000));
        assertEquals("d23513162b02d0f72a43a2fe4a5f97ab", block(keystream, 0x0001));
        assertEquals("41e95b3bb0a2e8dd477901e4fca894c0", block(keystream, 0x0002));
        assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4", block(keystream, 0xFEFF));
        assertEquals("362b7c3c6773516318a077d7fc5073ae", block(keystream, 0xFF00));
        assertEquals("6a2cc3787889374fbeb4c81b17ba6c44", block(keystream, 0xFF01));
    }

    private static String block(byte[] keystream, int counter) {
        return hex(Arrays.copyOfRange(keystream, counter * 16, counter * 16 + 16));
    }

    // ---- RFC 3711 Appendix B.3: key derivation ----------------------------------------------------------------

    private static final byte[] B3_MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] B3_MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");
    private static final byte[] B3_CIPHER_KEY = hex("C61E7A93744F39EE10734AFE3FF7A087");
    private static final byte[] B3_CIPHER_SALT = hex("30CBBC08863D8C85D49DB34A9AE1");
    private static final byte[] B3_AUTH_KEY = hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");

    @Test
    void rfc3711B3ReferenceKdfMatchesTheRfc() throws Exception {
        assertArrayEquals(B3_CIPHER_KEY, SrtpReference.kdf(B3_MASTER_KEY, B3_MASTER_SALT, 0, 16));
        assertArrayEquals(B3_CIPHER_SALT, SrtpReference.kdf(B3_MASTER_KEY, B3_MASTER_SALT, 2, 14));
        assertArrayEquals(B3_AUTH_KEY, SrtpReference.kdf(B3_MASTER_KEY, B3_MASTER_SALT, 1, 20));
    }

    /**
     * RFC 3711 B.3 through the session: protecting a known packet with the B.3 master key and salt must give exactly
     * what the B.3 session keys (as printed in the RFC) give, so jitsi-srtp derived those keys.
     */
    @Test
    void rfc3711B3SessionProtectsWithTheDerivedSessionKeys() throws Exception {
        byte[] rtp = rtp(0x1234, 0xCAFEBABE, "the quick brown fox jumps over the lazy dog");
        byte[] expected = SrtpReference.protectRtpAesCm(B3_CIPHER_KEY, B3_CIPHER_SALT, B3_AUTH_KEY, 0, rtp);

        SrtpKeyingMaterial keys = new SrtpKeyingMaterial(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                B3_MASTER_KEY, B3_MASTER_SALT, B3_MASTER_KEY, B3_MASTER_SALT);
        try (SrtpSession session = new SrtpSession(keys)) {
            PacketBuffer p = PacketBuffer.unpooled().copyFrom(rtp, 0, rtp.length);
            assertTrue(session.protectRtp(p));
            assertEquals(hex(expected), hex(window(p)));

            PacketBuffer q = PacketBuffer.unpooled().copyFrom(expected, 0, expected.length);
            assertTrue(session.unprotectRtp(q));
            assertArrayEquals(rtp, window(q));
        }
    }

    // ---- RFC 7714 §16 and §17: AEAD_AES_128_GCM -------------------------------------------------------------------

    /** RFC 7714 §16.1.1/§17.1 session key and salt ("Quid pro quo"). */
    private static final byte[] GCM_KEY = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] GCM_SALT = hex("517569642070726f2071756f");
    /** §16: header 8040f17b 8041f8d3 5501a0b2 and "Gallia est omnis divisa in partes tres". */
    private static final byte[] RFC7714_RTP = hex("8040f17b8041f8d35501a0b2"
            + "47616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573");
    /** §16.1.1 encrypted and tagged. */
    private static final byte[] RFC7714_SRTP = hex("8040f17b8041f8d35501a0b2"
            + "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833"
            + "899d7f27beb16a9152cf765ee4390cce");
    /** §17 RTCP sender report from SSRC "Mars". */
    private static final byte[] RFC7714_RTCP = hex("81c8000d4d617273"
            + "4e5450314e545032525450200000042a0000e9304c756e61deadbeefdeadbeefdeadbeefdeadbeefdeadbeef");
    /** §17.1 encrypted and tagged, SRTCP index 0x5d4 with the E flag. */
    private static final byte[] RFC7714_SRTCP = hex("81c8000d4d617273"
            + "63e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b4686303ded0bb9275bc84aa458"
            + "96cf4d2fc5abf87245d9eade" + "800005d4");

    @Test
    void rfc7714Section16And17ReferenceMatchesTheRfc() throws Exception {
        assertEquals(hex(RFC7714_SRTP), hex(SrtpReference.protectRtpGcm(GCM_KEY, GCM_SALT, 0, RFC7714_RTP)));
        assertEquals(hex(RFC7714_SRTCP), hex(SrtpReference.protectRtcpGcm(GCM_KEY, GCM_SALT, 0x5d4, RFC7714_RTCP)));
    }

    /**
     * RFC 7714 states its vectors in session keys, and a session takes master keys; so the session is keyed with
     * the §16 key and salt as <em>master</em> values and held byte for byte to the reference transform (pinned to
     * §16.1.1 and §17.1 above) under the session keys the RFC 3711 KDF (pinned to B.3 above) derives from them.
     */
    @Test
    void rfc7714GcmSrtpThroughSession() throws Exception {
        byte[] sessionKey = SrtpReference.kdf(GCM_KEY, GCM_SALT, SrtpReference.LABEL_RTP_ENCRYPTION, 16);
        byte[] sessionSalt = SrtpReference.kdf(GCM_KEY, GCM_SALT, SrtpReference.LABEL_RTP_SALT, 12);
        byte[] expected = SrtpReference.protectRtpGcm(sessionKey, sessionSalt, 0, RFC7714_RTP);

        try (SrtpSession sender = new SrtpSession(gcmKeys()); SrtpSession receiver = new SrtpSession(gcmKeys())) {
            PacketBuffer p = PacketBuffer.unpooled().copyFrom(RFC7714_RTP, 0, RFC7714_RTP.length);
            assertTrue(sender.protectRtp(p));
            assertEquals(hex(expected), hex(window(p)));

            assertTrue(receiver.unprotectRtp(p));
            assertArrayEquals(RFC7714_RTP, window(p));
        }
    }

    @Test
    void rfc7714GcmSrtcpThroughSession() throws Exception {
        byte[] sessionKey = SrtpReference.kdf(GCM_KEY, GCM_SALT, SrtpReference.LABEL_RTCP_ENCRYPTION, 16);
        byte[] sessionSalt = SrtpReference.kdf(GCM_KEY, GCM_SALT, SrtpReference.LABEL_RTCP_SALT, 12);

        try (SrtpSession sender = new SrtpSession(gcmKeys()); SrtpSession receiver = new SrtpSession(gcmKeys())) {
            // Protect: the session picks the index; the rest of the packet must follow from it.
            PacketBuffer p = PacketBuffer.unpooled().copyFrom(RFC7714_RTCP, 0, RFC7714_RTCP.length);
            assertTrue(sender.protectRtcp(p));
            byte[] got = window(p);
            int trailer = SrtpReference.readInt(got, got.length - 4);
            assertTrue(trailer < 0, "E flag set: the packet is encrypted");
            byte[] expected = SrtpReference.protectRtcpGcm(sessionKey, sessionSalt, trailer & 0x7FFFFFFF, RFC7714_RTCP);
            assertEquals(hex(expected), hex(got));

            // Unprotect: the §17.1 index, as the RFC's packet carries it.
            byte[] atRfcIndex = SrtpReference.protectRtcpGcm(sessionKey, sessionSalt, 0x5d4, RFC7714_RTCP);
            PacketBuffer q = PacketBuffer.unpooled().copyFrom(atRfcIndex, 0, atRfcIndex.length);
            assertTrue(receiver.unprotectRtcp(q));
            assertArrayEquals(RFC7714_RTCP, window(q));
        }
    }

    private static SrtpKeyingMaterial gcmKeys() {
        return new SrtpKeyingMaterial(SrtpProfile.AEAD_AES_128_GCM, GCM_KEY, GCM_SALT, GCM_KEY, GCM_SALT);
    }

    static byte[] rtp(int seq, int ssrc, String payload) {
        byte[] body = payload.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] p = new byte[12 + body.length];
        p[0] = (byte) 0x80;
        p[1] = 96;
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        p[4] = 0x00; p[5] = 0x01; p[6] = 0x02; p[7] = 0x03; // timestamp
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        System.arraycopy(body, 0, p, 12, body.length);
        return p;
    }

    static byte[] window(PacketBuffer p) {
        return Arrays.copyOfRange(p.array(), p.offset(), p.offset() + p.length());
    }
}
