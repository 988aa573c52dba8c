package dev.vireo.rtp;

/**
 * The transport-wide sequence number header extension (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2): a
 * 16-bit counter over every packet a sender sends on one transport, which the receiver echoes in transport-cc
 * feedback with each packet's arrival time. In the RFC 8285 one-byte form it is one element of 2 data bytes:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | L=1   |transport-wide sequence number | zero padding  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * A forwarded packet usually already has an element with the id (the publisher's own counter); {@link #stamp}
 * overwrites its value. Otherwise the element is inserted in front of the payload by moving the header 4 bytes (or,
 * when the packet has no extension block, 8 bytes for a new block) towards the front of the buffer, so the payload
 * never moves; the caller provides that headroom.
 */
public final class TransportSequenceNumber {
    /** Most headroom {@link #stamp} may need: a new one-byte-form block header and one padded element. */
    public static final int MAX_GROWTH = 8;

    private TransportSequenceNumber() {
    }

    /**
     * Writes {@code seq} as the element with {@code id} (1..14) into the valid RTP packet at {@code [off, off + len)}.
     *
     * @return how many bytes the packet grew at its front (0, 4 or 8): its new offset is {@code off - result}; -1 when
     *         the packet has an extension block that is neither RFC 8285 form, or its element with {@code id} is not
     *         2 bytes long (the packet is left as it was)
     */
    public static int stamp(byte[] b, int off, int len, int id, int seq) {
        int at = HeaderExtensions.find(b, off, len, id);
        if (at >= 0) {
            if (HeaderExtensions.findLength(b, off, len, id) != 2) {
                return -1;
            }
            b[at] = (byte) (seq >>> 8);
            b[at + 1] = (byte) seq;
            return 0;
        }
        int base = RtpPacket.FIXED_HEADER_LENGTH + RtpPacket.csrcCount(b, off) * 4;
        if (!RtpPacket.hasExtension(b, off)) {
            int start = off - 8;
            System.arraycopy(b, off, b, start, base);
            b[start] |= 0x10;
            int x = start + base;
            b[x] = (byte) 0xBE;
            b[x + 1] = (byte) 0xDE;
            b[x + 2] = 0;
            b[x + 3] = 1;
            writeElement(b, x + 4, id, seq, false);
            return 8;
        }
        int profile = RtpPacket.readUint16(b, off + base);
        boolean twoByte = (profile & 0xFFF0) == HeaderExtensions.TWO_BYTE_PROFILE;
        if (profile != HeaderExtensions.ONE_BYTE_PROFILE && !twoByte) {
            return -1;
        }
        int words = RtpPacket.readUint16(b, off + base + 2);
        int blockEnd = base + 4 + words * 4;
        int start = off - 4;
        System.arraycopy(b, off, b, start, blockEnd);
        RtpPacket.writeUint16(b, start + base + 2, words + 1);
        writeElement(b, start + blockEnd, id, seq, twoByte);
        return 4;
    }

    private static void writeElement(byte[] b, int at, int id, int seq, boolean twoByte) {
        if (twoByte) {
            b[at] = (byte) id;
            b[at + 1] = 2;
            b[at + 2] = (byte) (seq >>> 8);
            b[at + 3] = (byte) seq;
        } else {
            b[at] = (byte) ((id << 4) | 1);
            b[at + 1] = (byte) (seq >>> 8);
            b[at + 2] = (byte) seq;
            b[at + 3] = 0;
        }
    }

    /** The value of the element with {@code id}, or -1 when the packet has none of 2 bytes. */
    public static int read(byte[] b, int off, int len, int id) {
        int at = HeaderExtensions.find(b, off, len, id);
        if (at < 0 || HeaderExtensions.findLength(b, off, len, id) != 2) {
            return -1;
        }
        return RtpPacket.readUint16(b, at);
    }
}
