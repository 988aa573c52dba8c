package dev.vireo.rtp;

/**
 * Static, allocation-free access to an RTP packet held in {@code (byte[] b, int off, int len)} (RFC 3550 §5.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              |   (when X = 1, §5.3.1)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        header extension                       |
 * |                             ....                              |
 * </pre>
 *
 * <p>{@link #isValid} is the only method that checks bounds; the field accessors trust that the caller has called it
 * (the forwarding path checks once and then reads many fields, and re-checking on every read would cost more than
 * the reads). When P = 1 the last byte holds the number of padding bytes, itself included.
 */
public final class RtpPacket {
    /** Length of the fixed header, without CSRCs or extension. */
    public static final int FIXED_HEADER_LENGTH = 12;

    private RtpPacket() {
    }

    /**
     * True when {@code [off, off + len)} lies inside {@code b} and holds a version-2 RTP packet whose fixed header,
     * CSRC list, extension block and padding all fit in {@code len}.
     */
    public static boolean isValid(byte[] b, int off, int len) {
        if (b == null || off < 0 || len < FIXED_HEADER_LENGTH || off > b.length - len) {
            return false;
        }
        if ((b[off] & 0xC0) != 0x80) {
            return false;
        }
        int header = FIXED_HEADER_LENGTH + csrcCount(b, off) * 4;
        if (hasExtension(b, off)) {
            if (header + 4 > len) {
                return false;
            }
            header += 4 + readUint16(b, off + header + 2) * 4;
        }
        if (header > len) {
            return false;
        }
        if (hasPadding(b, off)) {
            int padding = b[off + len - 1] & 0xFF;
            // The count includes itself, so zero is impossible; libwebrtc rejects it too.
            return padding != 0 && header + padding <= len;
        }
        return true;
    }

    public static int version(byte[] b, int off) {
        return (b[off] & 0xC0) >>> 6;
    }

    public static boolean hasPadding(byte[] b, int off) {
        return (b[off] & 0x20) != 0;
    }

    public static boolean hasExtension(byte[] b, int off) {
        return (b[off] & 0x10) != 0;
    }

    public static int csrcCount(byte[] b, int off) {
        return b[off] & 0x0F;
    }

    public static boolean marker(byte[] b, int off) {
        return (b[off + 1] & 0x80) != 0;
    }

    public static void setMarker(byte[] b, int off, boolean marker) {
        b[off + 1] = (byte) (marker ? b[off + 1] | 0x80 : b[off + 1] & 0x7F);
    }

    public static int payloadType(byte[] b, int off) {
        return b[off + 1] & 0x7F;
    }

    /** Sets the 7-bit payload type, keeping the marker bit. */
    public static void setPayloadType(byte[] b, int off, int pt) {
        b[off + 1] = (byte) ((b[off + 1] & 0x80) | (pt & 0x7F));
    }

    /** The sequence number, 0..65535. */
    public static int sequenceNumber(byte[] b, int off) {
        return readUint16(b, off + 2);
    }

    public static void setSequenceNumber(byte[] b, int off, int seq) {
        b[off + 2] = (byte) (seq >>> 8);
        b[off + 3] = (byte) seq;
    }

    /** The timestamp, 0..2^32-1. */
    public static long timestamp(byte[] b, int off) {
        return readInt(b, off + 4) & 0xFFFF_FFFFL;
    }

    /** Writes the low 32 bits of {@code ts}, so a widened timestamp can be passed as is. */
    public static void setTimestamp(byte[] b, int off, long ts) {
        writeInt(b, off + 4, (int) ts);
    }

    public static int ssrc(byte[] b, int off) {
        return readInt(b, off + 8);
    }

    public static void setSsrc(byte[] b, int off, int ssrc) {
        writeInt(b, off + 8, ssrc);
    }

    /** The {@code index}-th CSRC (0-based); the caller checks {@code index < csrcCount}. */
    public static int csrc(byte[] b, int off, int index) {
        return readInt(b, off + FIXED_HEADER_LENGTH + index * 4);
    }

    /**
     * Offset (relative to {@code off}) of the extension block's 16-bit profile field, or -1 when X = 0.
     * The block's data starts 4 bytes later and is {@link #extensionLength} bytes long.
     */
    public static int extensionOffset(byte[] b, int off) {
        return hasExtension(b, off) ? FIXED_HEADER_LENGTH + csrcCount(b, off) * 4 : -1;
    }

    /** The extension profile ("defined by profile": 0xBEDE, 0x100x for RFC 8285), or -1 when X = 0. */
    public static int extensionProfile(byte[] b, int off) {
        int ext = extensionOffset(b, off);
        return ext < 0 ? -1 : readUint16(b, off + ext);
    }

    /** Bytes of extension data after the 4-byte extension header, or 0 when X = 0. */
    public static int extensionLength(byte[] b, int off) {
        int ext = extensionOffset(b, off);
        return ext < 0 ? 0 : readUint16(b, off + ext + 2) * 4;
    }

    /** Fixed header + CSRCs + extension block, in bytes. The caller checked {@link #isValid}. */
    public static int headerLength(byte[] b, int off, int len) {
        int header = FIXED_HEADER_LENGTH + csrcCount(b, off) * 4;
        if (hasExtension(b, off)) {
            header += 4 + readUint16(b, off + header + 2) * 4;
        }
        return header;
    }

    /** Padding bytes at the end (including the count byte), or 0 when P = 0. The caller checked {@link #isValid}. */
    public static int paddingLength(byte[] b, int off, int len) {
        return hasPadding(b, off) ? b[off + len - 1] & 0xFF : 0;
    }

    /** Bytes of payload between the header and the padding. The caller checked {@link #isValid}. */
    public static int payloadLength(byte[] b, int off, int len) {
        return len - headerLength(b, off, len) - paddingLength(b, off, len);
    }

    /**
     * Writes a 12-byte header with V = 2, no padding, no extension and no CSRCs. The caller provides the room.
     *
     * @return 12, the bytes written
     */
    public static int writeHeader(byte[] dst, int off, int payloadType, boolean marker, int seq, long timestamp,
            int ssrc) {
        dst[off] = (byte) 0x80;
        dst[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        setSequenceNumber(dst, off, seq);
        setTimestamp(dst, off, timestamp);
        setSsrc(dst, off, ssrc);
        return FIXED_HEADER_LENGTH;
    }

    static int readUint16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static void writeUint16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
