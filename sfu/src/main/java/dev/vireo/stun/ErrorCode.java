package dev.vireo.stun;

import java.nio.charset.StandardCharsets;

/**
 * ERROR-CODE (RFC 8489 §14.8): a three-digit code split into class (hundreds) and number, and a reason phrase.
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Reserved, should be 0         |Class|     Number    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |      Reason Phrase (variable)                                ..
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param code   300..699
 * @param reason UTF-8, at most 763 bytes once encoded
 */
public record ErrorCode(int code, String reason) {
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHENTICATED = 401;
    public static final int UNKNOWN_ATTRIBUTE = 420;
    /** RFC 8445 §7.3.1.1. */
    public static final int ROLE_CONFLICT = 487;

    public ErrorCode {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("error code " + code + " outside 300..699");
        }
        reason = reason == null ? "" : reason;
        if (reason.getBytes(StandardCharsets.UTF_8).length > 763) {
            throw new IllegalArgumentException("reason phrase longer than 763 bytes");
        }
    }

    /** Parses an attribute value. */
    public static ErrorCode parse(byte[] buf, int off, int len) throws StunException {
        if (len < 4 || off < 0 || off > buf.length - len) {
            throw new StunException("ERROR-CODE too short");
        }
        int errorClass = buf[off + 2] & 0x07;
        int number = buf[off + 3] & 0xFF;
        if (errorClass < 3 || errorClass > 6 || number > 99) {
            throw new StunException("ERROR-CODE class " + errorClass + " number " + number);
        }
        String reason = new String(buf, off + 4, len - 4, StandardCharsets.UTF_8);
        if (reason.length() > 763) {
            throw new StunException("reason phrase too long");
        }
        return new ErrorCode(errorClass * 100 + number, reason);
    }

    /** Bytes of the whole attribute, header, value and padding. */
    public int size() {
        return 4 + ((valueLength() + 3) & ~3);
    }

    /** Writes header, value and zero padding; returns {@link #size()}. */
    public int writeTo(byte[] dst, int off) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int valueLength = 4 + text.length;
        XorMappedAddress.writeShort(dst, off, StunAttributeType.ERROR_CODE);
        XorMappedAddress.writeShort(dst, off + 2, valueLength);
        dst[off + 4] = 0;
        dst[off + 5] = 0;
        dst[off + 6] = (byte) (code / 100);
        dst[off + 7] = (byte) (code % 100);
        System.arraycopy(text, 0, dst, off + 8, text.length);
        int size = size();
        for (int i = 4 + valueLength; i < size; i++) {
            dst[off + i] = 0;
        }
        return size;
    }

    private int valueLength() {
        return 4 + reason.getBytes(StandardCharsets.UTF_8).length;
    }
}
