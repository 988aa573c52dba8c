package dev.vireo.stun;

import java.util.zip.CRC32;

/**
 * FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to this attribute, XOR 0x5354554e, so that STUN can be told
 * from other protocols on a shared port. It must be the last attribute, so the header's length field already counts
 * it when the CRC is taken.
 * <pre>
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type 0x8028               |         Length 4              |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    CRC-32 XOR 0x5354554e                      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class StunFingerprint {
    public static final int SIZE = 8;
    private static final int XOR = 0x5354554e;

    private StunFingerprint() {
    }

    /** The value for a message starting at {@code off} whose FINGERPRINT attribute header is at {@code at}. */
    static int compute(byte[] buf, int off, int at) {
        CRC32 crc = new CRC32();
        crc.update(buf, off, at - off);
        return (int) crc.getValue() ^ XOR;
    }

    /** Whether the FINGERPRINT attribute at {@code at} is right for the message at {@code off}. */
    static boolean matches(byte[] buf, int off, int at) {
        return StunMessage.readInt(buf, at + 4) == compute(buf, off, at);
    }

    /**
     * Appends FINGERPRINT at {@code at}: the header at {@code off} must already count these 8 bytes in its length.
     *
     * @return {@link #SIZE}
     */
    static int writeTo(byte[] buf, int off, int at) {
        XorMappedAddress.writeShort(buf, at, StunAttributeType.FINGERPRINT);
        XorMappedAddress.writeShort(buf, at + 2, 4);
        int value = compute(buf, off, at);
        buf[at + 4] = (byte) (value >>> 24);
        buf[at + 5] = (byte) (value >>> 16);
        buf[at + 6] = (byte) (value >>> 8);
        buf[at + 7] = (byte) value;
        return SIZE;
    }
}
