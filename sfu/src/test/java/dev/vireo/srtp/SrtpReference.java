package dev.vireo.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent, deliberately plain model of the SRTP transforms, written from the RFCs on top of the JDK's own
 * ciphers. Tests first pin it to the RFC vectors, then hold {@link SrtpSession} (jitsi-srtp) to its output, which
 * lets vectors stated in session keys (RFC 7714) check a session that only takes master keys.
 */
final class SrtpReference {
    static final int LABEL_RTP_ENCRYPTION = 0x00;
    static final int LABEL_RTP_AUTH = 0x01;
    static final int LABEL_RTP_SALT = 0x02;
    static final int LABEL_RTCP_ENCRYPTION = 0x03;
    static final int LABEL_RTCP_AUTH = 0x04;
    static final int LABEL_RTCP_SALT = 0x05;

    private SrtpReference() {
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /**
     * RFC 3711 §4.3.1/§4.3.3 with key_derivation_rate 0: x = label at octet 7 of the 112-bit key_id, XOR the master
     * salt; the AES-CM keystream from IV x·2^16. A 96-bit (GCM) salt fills the first 12 octets of the 112 bits, zero
     * after it, which is what libsrtp (Chromium, Firefox) and jitsi-srtp do for RFC 7714.
     */
    static byte[] kdf(byte[] masterKey, byte[] masterSalt, int label, int length) throws GeneralSecurityException {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
        iv[7] ^= (byte) label;
        return aesCtr(masterKey, iv, new byte[length]);
    }

    static byte[] aesCtr(byte[] key, byte[] iv, byte[] data) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding", "SunJCE");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return c.doFinal(data);
    }

    /** RFC 3711 §4.1.1 + §4.2: AES-CM encryption of the payload, then HMAC-SHA1 over packet ‖ ROC, 80-bit tag. */
    static byte[] protectRtpAesCm(byte[] sessionKey, byte[] sessionSalt, byte[] authKey, int roc, byte[] rtp)
            throws GeneralSecurityException {
        int header = rtpHeaderLength(rtp);
        byte[] iv = new byte[16];
        System.arraycopy(sessionSalt, 0, iv, 0, 14);
        xorInt(iv, 4, readInt(rtp, 8));          // SSRC · 2^64
        xorInt(iv, 8, roc);                       // index = ROC ‖ SEQ, · 2^16
        iv[12] ^= rtp[2];
        iv[13] ^= rtp[3];
        byte[] payload = aesCtr(sessionKey, iv, Arrays.copyOfRange(rtp, header, rtp.length));
        byte[] out = Arrays.copyOf(rtp, rtp.length + 10);
        System.arraycopy(payload, 0, out, header, payload.length);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
        mac.update(out, 0, rtp.length);
        mac.update(new byte[] {(byte) (roc >>> 24), (byte) (roc >>> 16), (byte) (roc >>> 8), (byte) roc});
        System.arraycopy(mac.doFinal(), 0, out, rtp.length, 10);
        return out;
    }

    /** RFC 7714 §8.1 (IV) and §8.2 (AAD = the RTP header): header ‖ ciphertext ‖ 16-byte tag. */
    static byte[] protectRtpGcm(byte[] sessionKey, byte[] sessionSalt, int roc, byte[] rtp)
            throws GeneralSecurityException {
        int header = rtpHeaderLength(rtp);
        byte[] iv = new byte[12];
        writeInt(iv, 2, readInt(rtp, 8));
        writeInt(iv, 6, roc);
        iv[10] = rtp[2];
        iv[11] = rtp[3];
        xor(iv, sessionSalt);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD(rtp, 0, header);
        byte[] sealed = c.doFinal(rtp, header, rtp.length - header);
        byte[] out = Arrays.copyOf(rtp, header + sealed.length);
        System.arraycopy(sealed, 0, out, header, sealed.length);
        return out;
    }

    /**
     * RFC 7714 §9.1 (IV from SSRC and the 31-bit SRTCP index) and §9.2 (AAD = first 8 octets ‖ E-flag ‖ index):
     * header ‖ ciphertext ‖ tag ‖ E ‖ index, with E set.
     */
    static byte[] protectRtcpGcm(byte[] sessionKey, byte[] sessionSalt, int index, byte[] rtcp)
            throws GeneralSecurityException {
        byte[] iv = new byte[12];
        writeInt(iv, 2, readInt(rtcp, 4));
        writeInt(iv, 8, index & 0x7FFFFFFF);
        xor(iv, sessionSalt);
        byte[] trailer = new byte[4];
        writeInt(trailer, 0, index | 0x80000000);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD(rtcp, 0, 8);
        c.updateAAD(trailer);
        byte[] sealed = c.doFinal(rtcp, 8, rtcp.length - 8);
        byte[] out = new byte[8 + sealed.length + 4];
        System.arraycopy(rtcp, 0, out, 0, 8);
        System.arraycopy(sealed, 0, out, 8, sealed.length);
        System.arraycopy(trailer, 0, out, 8 + sealed.length, 4);
        return out;
    }

    static int rtpHeaderLength(byte[] rtp) {
        int length = 12 + 4 * (rtp[0] & 0x0F);
        if ((rtp[0] & 0x10) != 0) {
            length += 4 + 4 * (((rtp[length + 2] & 0xFF) << 8) | (rtp[length + 3] & 0xFF));
        }
        return length;
    }

    static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private static void writeInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void xorInt(byte[] b, int off, int v) {
        b[off] ^= (byte) (v >>> 24);
        b[off + 1] ^= (byte) (v >>> 16);
        b[off + 2] ^= (byte) (v >>> 8);
        b[off + 3] ^= (byte) v;
    }

    private static void xor(byte[] target, byte[] with) {
        for (int i = 0; i < target.length; i++) {
            target[i] ^= with[i];
        }
    }
}
