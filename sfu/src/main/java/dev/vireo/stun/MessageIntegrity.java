package dev.vireo.stun;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5) with a short-term credential (§9.1): HMAC-SHA1 keyed with the password,
 * over the message up to the attribute, with the header's length field set as if the message ended right after it.
 * <pre>
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type 0x0008               |         Length 20             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                   HMAC-SHA1 (20 bytes)                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * One instance holds one key and a reusable {@link Mac}: it is not thread-safe, so each connection (or thread) has
 * its own. Checking and signing allocate nothing.
 */
public final class MessageIntegrity {
    /** Length of the HMAC-SHA1 value. */
    public static final int LENGTH = 20;
    /** Bytes of the whole attribute. */
    public static final int SIZE = 4 + LENGTH;

    private final Mac mac;
    private final byte[] digest = new byte[LENGTH];

    /** A key from a short-term password (ICE's ice-pwd), used as its UTF-8 bytes (RFC 8489 §9.1, no SASLprep in ICE). */
    public MessageIntegrity(String password) {
        this(password.getBytes(StandardCharsets.UTF_8));
    }

    public MessageIntegrity(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("empty key");
        }
        try {
            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK provides HmacSHA1", e);
        }
    }

    /** Whether the message carries MESSAGE-INTEGRITY and it verifies with this key. Constant-time comparison. */
    public boolean verify(StunMessage message) {
        int at = message.integrityAttributeOffset();
        if (at < 0) {
            return false;
        }
        byte[] buf = message.buffer();
        hmac(buf, message.offset(), at);
        int diff = 0;
        for (int i = 0; i < LENGTH; i++) {
            diff |= digest[i] ^ buf[at + 4 + i];
        }
        return diff == 0;
    }

    /**
     * Writes the attribute at {@code at} for the message at {@code off}; the header's length field is set to end
     * right after it (a FINGERPRINT that follows must set it again).
     *
     * @return {@link #SIZE}
     */
    int writeTo(byte[] buf, int off, int at) {
        XorMappedAddress.writeShort(buf, off + 2, at + SIZE - off - StunMessage.HEADER_LENGTH);
        hmac(buf, off, at);
        XorMappedAddress.writeShort(buf, at, StunAttributeType.MESSAGE_INTEGRITY);
        XorMappedAddress.writeShort(buf, at + 2, LENGTH);
        System.arraycopy(digest, 0, buf, at + 4, LENGTH);
        return SIZE;
    }

    /** HMAC over {@code buf[off, at)} with the length field replaced by one that ends after the attribute. */
    private void hmac(byte[] buf, int off, int at) {
        int adjusted = at + SIZE - off - StunMessage.HEADER_LENGTH;
        mac.reset();
        mac.update(buf, off, 2);
        mac.update((byte) (adjusted >> 8));
        mac.update((byte) adjusted);
        mac.update(buf, off + 4, at - off - 4);
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e); // digest is 20 bytes
        }
    }
}
