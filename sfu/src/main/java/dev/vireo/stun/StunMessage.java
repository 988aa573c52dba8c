package dev.vireo.stun;

import java.nio.charset.StandardCharsets;

/**
 * A parsed view over one STUN message in a caller's buffer; nothing is copied (RFC 8489 §5, §14).
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |0 0|     STUN Message Type     |         Message Length        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         Magic Cookie                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                     Transaction ID (96 bits)                  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Type                  |            Length             |  one attribute, value padded
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  to a multiple of 4 bytes
 *   |                         Value (variable)                ....
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Over UDP one datagram carries exactly one message, so the message length must account for the whole datagram.
 * {@link #parse} checks the FINGERPRINT when present (it needs no key); MESSAGE-INTEGRITY is checked by
 * {@link MessageIntegrity#verify}, which knows the password. Only the first of duplicate attributes counts, and
 * after MESSAGE-INTEGRITY only FINGERPRINT is read (RFC 8489 §14.5). Until the buffer changes, the view is valid.
 */
public final class StunMessage {
    /** RFC 8489 §6. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;
    public static final int TRANSACTION_ID_LENGTH = 12;
    /** Largest message we accept: an Ethernet MTU, far above what ICE sends. */
    public static final int MAX_LENGTH = 1500;

    private final byte[] buf;
    private final int off;
    private final int len;
    private final int type;
    private int username = -1;
    private int usernameLength;
    private int integrity = -1;
    private int fingerprint = -1;
    private int xorMappedAddress = -1;
    private int xorMappedAddressLength;
    private int errorCode = -1;
    private int errorCodeLength;
    private long priority = -1;
    private boolean useCandidate;
    private boolean hasControlling;
    private long controlling;
    private boolean hasControlled;
    private long controlled;
    private int unknownRequired = -1;

    private StunMessage(byte[] buf, int off, int len, int type) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.type = type;
    }

    /** Whether the bytes could be a STUN message: first two bits zero, the magic cookie, a 4-aligned length. */
    public static boolean looksLikeStun(byte[] buf, int off, int len) {
        return buf != null && off >= 0 && len >= HEADER_LENGTH && off <= buf.length - len
                && (buf[off] & 0xC0) == 0 && readInt(buf, off + 4) == MAGIC_COOKIE && (buf[off + 3] & 3) == 0;
    }

    /**
     * Parses the message in {@code buf[off, off + len)}.
     *
     * @throws StunException when it is malformed, or its FINGERPRINT does not match
     */
    public static StunMessage parse(byte[] buf, int off, int len) throws StunException {
        if (!looksLikeStun(buf, off, len)) {
            throw new StunException("not a STUN message");
        }
        int bodyLength = readShort(buf, off + 2);
        if (len != HEADER_LENGTH + bodyLength || len > MAX_LENGTH) {
            throw new StunException("message length " + bodyLength + " does not match a datagram of " + len);
        }
        StunMessage m = new StunMessage(buf, off, len, readShort(buf, off));
        int end = off + len;
        int at = off + HEADER_LENGTH;
        while (at < end) {
            if (end - at < 4) {
                throw new StunException("truncated attribute header at " + (at - off));
            }
            if (m.fingerprint >= 0) {
                throw new StunException("attribute after FINGERPRINT (RFC 8489 §14.7)");
            }
            int attrType = readShort(buf, at);
            int attrLength = readShort(buf, at + 2);
            int value = at + 4;
            int padded = (attrLength + 3) & ~3;
            if (padded > end - value) {
                throw new StunException("attribute 0x" + Integer.toHexString(attrType) + " overruns the message");
            }
            m.attribute(attrType, value, attrLength);
            at = value + padded;
        }
        if (m.fingerprint >= 0 && !StunFingerprint.matches(buf, off, m.fingerprint)) {
            throw new StunException("FINGERPRINT does not match");
        }
        return m;
    }

    private void attribute(int attrType, int value, int attrLength) throws StunException {
        if (attrType == StunAttributeType.FINGERPRINT) {
            expectLength(attrType, attrLength, 4);
            fingerprint = value - 4;
            return;
        }
        if (integrity >= 0) {
            return; // RFC 8489 §14.5: only FINGERPRINT counts after MESSAGE-INTEGRITY
        }
        switch (attrType) {
            case StunAttributeType.USERNAME -> {
                if (username < 0) {
                    if (attrLength > 513) { // RFC 8489 §14.3
                        throw new StunException("USERNAME longer than 513 bytes");
                    }
                    username = value;
                    usernameLength = attrLength;
                }
            }
            case StunAttributeType.MESSAGE_INTEGRITY -> {
                expectLength(attrType, attrLength, MessageIntegrity.LENGTH);
                integrity = value - 4;
            }
            case StunAttributeType.XOR_MAPPED_ADDRESS -> {
                if (xorMappedAddress < 0) {
                    xorMappedAddress = value;
                    xorMappedAddressLength = attrLength;
                }
            }
            case StunAttributeType.ERROR_CODE -> {
                if (errorCode < 0) {
                    errorCode = value;
                    errorCodeLength = attrLength;
                }
            }
            case StunAttributeType.PRIORITY -> {
                expectLength(attrType, attrLength, 4);
                if (priority < 0) {
                    priority = readInt(buf, value) & 0xFFFF_FFFFL;
                }
            }
            case StunAttributeType.USE_CANDIDATE -> {
                expectLength(attrType, attrLength, 0);
                useCandidate = true;
            }
            case StunAttributeType.ICE_CONTROLLING -> {
                expectLength(attrType, attrLength, 8);
                if (!hasControlling) {
                    hasControlling = true;
                    controlling = readLong(buf, value);
                }
            }
            case StunAttributeType.ICE_CONTROLLED -> {
                expectLength(attrType, attrLength, 8);
                if (!hasControlled) {
                    hasControlled = true;
                    controlled = readLong(buf, value);
                }
            }
            default -> {
                if (unknownRequired < 0 && StunAttributeType.isComprehensionRequired(attrType)
                        && !StunAttributeType.isKnown(attrType)) {
                    unknownRequired = attrType;
                }
            }
        }
    }

    private static void expectLength(int attrType, int actual, int expected) throws StunException {
        if (actual != expected) {
            throw new StunException("attribute 0x" + Integer.toHexString(attrType) + " has length " + actual
                    + ", expected " + expected);
        }
    }

    /** The 14-bit message type, e.g. {@link StunMessageType#BINDING_REQUEST}. */
    public int type() { return type; }

    public int method() { return StunMessageType.method(type); }

    public StunMessageType.MessageClass messageClass() { return StunMessageType.messageClass(type); }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    /** Where the 12-byte transaction ID starts in {@link #buffer()}. */
    public int transactionIdOffset() { return off + 8; }

    /** Whether this message's transaction ID equals the 12 bytes at {@code id[idOff]}. */
    public boolean hasTransactionId(byte[] id, int idOff) {
        int t = off + 8;
        for (int i = 0; i < TRANSACTION_ID_LENGTH; i++) {
            if (buf[t + i] != id[idOff + i]) {
                return false;
            }
        }
        return true;
    }

    public boolean hasUsername() { return username >= 0; }

    /** The USERNAME as UTF-8 text, or null. */
    public String username() {
        return username < 0 ? null : new String(buf, username, usernameLength, StandardCharsets.UTF_8);
    }

    /** Whether USERNAME is exactly these bytes. */
    public boolean usernameEquals(byte[] expected) {
        if (username < 0 || usernameLength != expected.length) {
            return false;
        }
        for (int i = 0; i < usernameLength; i++) {
            if (buf[username + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether USERNAME starts with these bytes followed by ':' (RFC 8445 §7.3: "ourUfrag:theirUfrag"). */
    public boolean usernameStartsWith(byte[] ufrag) {
        if (username < 0 || usernameLength <= ufrag.length || buf[username + ufrag.length] != ':') {
            return false;
        }
        for (int i = 0; i < ufrag.length; i++) {
            if (buf[username + i] != ufrag[i]) {
                return false;
            }
        }
        return true;
    }

    /** PRIORITY, or -1 when absent. */
    public long priority() { return priority; }

    public boolean useCandidate() { return useCandidate; }

    public boolean hasIceControlling() { return hasControlling; }

    /** The ICE-CONTROLLING tiebreaker; meaningful when {@link #hasIceControlling()}. */
    public long iceControlling() { return controlling; }

    public boolean hasIceControlled() { return hasControlled; }

    /** The ICE-CONTROLLED tiebreaker; meaningful when {@link #hasIceControlled()}. */
    public long iceControlled() { return controlled; }

    public boolean hasMessageIntegrity() { return integrity >= 0; }

    public boolean hasFingerprint() { return fingerprint >= 0; }

    /** The first comprehension-required attribute type we do not understand, or -1 (answer with 420). */
    public int unknownComprehensionRequired() { return unknownRequired; }

    /** XOR-MAPPED-ADDRESS, or null when absent. */
    public XorMappedAddress xorMappedAddress() throws StunException {
        return xorMappedAddress < 0 ? null
                : XorMappedAddress.parse(buf, off, xorMappedAddress, xorMappedAddressLength);
    }

    /** ERROR-CODE, or null when absent. */
    public ErrorCode errorCode() throws StunException {
        return errorCode < 0 ? null : ErrorCode.parse(buf, errorCode, errorCodeLength);
    }

    /** Absolute offset of the MESSAGE-INTEGRITY attribute header, or -1. */
    int integrityAttributeOffset() { return integrity; }

    static int readShort(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    static long readLong(byte[] b, int at) {
        return ((long) readInt(b, at) << 32) | (readInt(b, at + 4) & 0xFFFF_FFFFL);
    }
}
