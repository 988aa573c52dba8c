package dev.vireo.stun;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Builds one STUN message at a time (RFC 8489 §5, §14): header, attributes in the order added, then
 * MESSAGE-INTEGRITY and FINGERPRINT, which must come last and in that order. Values are padded with zeros.
 *
 * <p>Reusable and not thread-safe: {@link #reset} starts the next message. Adding attributes and
 * {@link #writeTo} allocate nothing, except the String conveniences. SOFTWARE is never written: it would only tell
 * an attacker what we run (RFC 8489 §16.1.2).
 */
public final class StunMessageWriter {
    /** Attributes (before integrity and fingerprint) that fit: far more than an ICE check needs. */
    private static final int BODY_CAPACITY = 1024;

    private final byte[] body = new byte[BODY_CAPACITY];
    private final byte[] transactionId = new byte[StunMessage.TRANSACTION_ID_LENGTH];
    private int type;
    private int bodyLength;
    private MessageIntegrity integrity;
    private boolean fingerprint;
    private XorMappedAddress mappedAddress;
    /** Where in the body XOR-MAPPED-ADDRESS goes. */
    private int mappedAddressAt;

    /** Starts a message of {@code type} with the transaction ID at {@code id[idOff]}; clears everything else. */
    public StunMessageWriter reset(int type, byte[] id, int idOff) {
        if ((type & ~0x3FFF) != 0) {
            throw new IllegalArgumentException("message type has 14 bits");
        }
        this.type = type;
        System.arraycopy(id, idOff, transactionId, 0, StunMessage.TRANSACTION_ID_LENGTH);
        bodyLength = 0;
        integrity = null;
        fingerprint = false;
        mappedAddress = null;
        return this;
    }

    /** USERNAME (RFC 8489 §14.3), at most 513 bytes. */
    public StunMessageWriter username(byte[] username) {
        if (username.length > 513) {
            throw new IllegalArgumentException("USERNAME longer than 513 bytes");
        }
        return attribute(StunAttributeType.USERNAME, username, 0, username.length);
    }

    public StunMessageWriter username(String username) {
        return username(username.getBytes(StandardCharsets.UTF_8));
    }

    /** PRIORITY (RFC 8445 §7.1.1): the priority a peer-reflexive candidate learnt from this check would get. */
    public StunMessageWriter priority(long priority) {
        int at = header(StunAttributeType.PRIORITY, 4);
        writeInt(body, at, (int) priority);
        return this;
    }

    /** USE-CANDIDATE (RFC 8445 §7.1.2): the controlling agent nominates this pair. */
    public StunMessageWriter useCandidate() {
        header(StunAttributeType.USE_CANDIDATE, 0);
        return this;
    }

    /** ICE-CONTROLLING with our tiebreaker (RFC 8445 §7.1.3). */
    public StunMessageWriter iceControlling(long tiebreaker) {
        return tiebreaker(StunAttributeType.ICE_CONTROLLING, tiebreaker);
    }

    /** ICE-CONTROLLED with our tiebreaker (RFC 8445 §7.1.3). */
    public StunMessageWriter iceControlled(long tiebreaker) {
        return tiebreaker(StunAttributeType.ICE_CONTROLLED, tiebreaker);
    }

    /** XOR-MAPPED-ADDRESS; written when the header, which it is XORed with, is known. At most one per message. */
    public StunMessageWriter xorMappedAddress(XorMappedAddress address) {
        if (mappedAddress != null) {
            throw new IllegalStateException("XOR-MAPPED-ADDRESS already added");
        }
        ensure(address.size());
        mappedAddress = address;
        // reserve its place so attribute order is kept
        int at = bodyLength;
        bodyLength += address.size();
        mappedAddressAt = at;
        return this;
    }

    public StunMessageWriter xorMappedAddress(InetSocketAddress address) {
        return xorMappedAddress(XorMappedAddress.of(address));
    }

    /** ERROR-CODE (RFC 8489 §14.8). */
    public StunMessageWriter errorCode(ErrorCode error) {
        ensure(error.size());
        bodyLength += error.writeTo(body, bodyLength);
        return this;
    }

    /** Ends the attributes with MESSAGE-INTEGRITY keyed by {@code key}. */
    public StunMessageWriter messageIntegrity(MessageIntegrity key) {
        integrity = key;
        return this;
    }

    /** Ends the message with FINGERPRINT (after MESSAGE-INTEGRITY when both are set). */
    public StunMessageWriter fingerprint() {
        fingerprint = true;
        return this;
    }

    /** Bytes {@link #writeTo} will write. */
    public int size() {
        return StunMessage.HEADER_LENGTH + bodyLength + (integrity != null ? MessageIntegrity.SIZE : 0)
                + (fingerprint ? StunFingerprint.SIZE : 0);
    }

    /**
     * Writes the message to {@code dst[off]}; {@link #size()} bytes must fit.
     *
     * @return bytes written
     */
    public int writeTo(byte[] dst, int off) {
        int size = size();
        if (off < 0 || off > dst.length - size) {
            throw new IndexOutOfBoundsException("message of " + size + " bytes does not fit at " + off);
        }
        XorMappedAddress.writeShort(dst, off, type);
        XorMappedAddress.writeShort(dst, off + 2, size - StunMessage.HEADER_LENGTH);
        writeInt(dst, off + 4, StunMessage.MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, dst, off + 8, StunMessage.TRANSACTION_ID_LENGTH);
        int at = off + StunMessage.HEADER_LENGTH;
        System.arraycopy(body, 0, dst, at, bodyLength);
        if (mappedAddress != null) {
            mappedAddress.writeTo(dst, off, at + mappedAddressAt);
        }
        at += bodyLength;
        if (integrity != null) {
            at += integrity.writeTo(dst, off, at);
        }
        if (fingerprint) {
            XorMappedAddress.writeShort(dst, off + 2, size - StunMessage.HEADER_LENGTH);
            at += StunFingerprint.writeTo(dst, off, at);
        }
        return at - off;
    }

    /** The message as a new array. */
    public byte[] toByteArray() {
        byte[] out = new byte[size()];
        writeTo(out, 0);
        return out;
    }

    private StunMessageWriter tiebreaker(int attrType, long value) {
        int at = header(attrType, 8);
        writeInt(body, at, (int) (value >>> 32));
        writeInt(body, at + 4, (int) value);
        return this;
    }

    private StunMessageWriter attribute(int attrType, byte[] value, int off, int len) {
        int at = header(attrType, len);
        System.arraycopy(value, off, body, at, len);
        for (int i = at + len; i < bodyLength; i++) {
            body[i] = 0;
        }
        return this;
    }

    /** Writes an attribute header, reserves the padded value and returns where the value goes. */
    private int header(int attrType, int valueLength) {
        int padded = (valueLength + 3) & ~3;
        ensure(4 + padded);
        XorMappedAddress.writeShort(body, bodyLength, attrType);
        XorMappedAddress.writeShort(body, bodyLength + 2, valueLength);
        int value = bodyLength + 4;
        bodyLength = value + padded;
        return value;
    }

    private void ensure(int bytes) {
        if (bodyLength + bytes > BODY_CAPACITY) {
            throw new IllegalStateException("STUN message too large");
        }
    }

    private static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
