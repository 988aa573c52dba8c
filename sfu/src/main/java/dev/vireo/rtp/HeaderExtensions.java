package dev.vireo.rtp;

/**
 * RTP header extension elements in the RFC 8285 one-byte and two-byte forms, read and rewritten in place.
 *
 * <p>One-byte form (§4.2), profile 0xBEDE; each element is a 4-bit ID, a 4-bit length L and L + 1 bytes of data.
 * ID 0 is a padding byte (whatever its length nibble); ID 15 is reserved and ends processing:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       0xBE    |    0xDE       |           length=3            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | L=0   |     data      |  ID   |  L=1  |   data...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       ...data   |    0 (pad)    |    0 (pad)    |  ID   | L=3   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          data                                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Two-byte form (§4.3), profile 0x100 followed by 4 application bits; each element is an 8-bit ID, an 8-bit length
 * and that many bytes of data (possibly none). A zero byte where an ID is expected is padding:
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       0x10    |    0x00       |           length=3            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      ID       |     L=0       |     ID        |     L=1       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       data    |    0 (pad)    |       ID      |      L=4      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          data                                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Every method validates the packet with {@link RtpPacket#isValid} and never reads outside the extension block, so
 * a malformed packet yields "not found" rather than an exception. Nothing here allocates, except creating a
 * {@link Cursor} (make one per thread and reuse it).
 */
public final class HeaderExtensions {
    /** Profile of the one-byte form. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** Profile of the two-byte form with its 4 application bits cleared. */
    public static final int TWO_BYTE_PROFILE = 0x1000;
    /**
     * The ID written for an element whose ID the receiver did not negotiate. Vireo never negotiates 14, so a
     * receiver ignores the element; 15 is never written because in the one-byte form it stops all parsing.
     */
    public static final int UNNEGOTIATED_ID = 14;

    /** {@link #element} results that are not elements. */
    private static final long END = -1;
    private static final long MALFORMED = -2;

    private HeaderExtensions() {
    }

    /** Absolute offset in {@code b} of the data of the first element with {@code id}, or -1. */
    public static int find(byte[] b, int off, int len, int id) {
        long e = locate(b, off, len, id);
        return e < 0 ? -1 : elementData(e);
    }

    /** Length in bytes of the data of the first element with {@code id}, or -1 when there is none. */
    public static int findLength(byte[] b, int off, int len, int id) {
        long e = locate(b, off, len, id);
        return e < 0 ? -1 : elementLength(e);
    }

    /**
     * Rewrites every element's ID in place to {@code idMap[oldId] & 0xFF}. An entry of 0 (or an ID beyond the
     * table) means "not negotiated by the receiver" and writes {@link #UNNEGOTIATED_ID}; so does a new ID that the
     * one-byte form cannot carry (above 14). Padding bytes are left alone; a malformed block is rewritten up to the
     * point where it stops making sense.
     */
    public static void remapIds(byte[] b, int off, int len, byte[] idMap) {
        int start = blockStart(b, off, len);
        if (start < 0) {
            return;
        }
        boolean twoByte = isTwoByte(b, start);
        int end = start + 4 + RtpPacket.readUint16(b, start + 2) * 4;
        int pos = start + 4;
        while (true) {
            long e = element(b, pos, end, twoByte);
            if (e < 0) {
                return;
            }
            int oldId = elementId(e);
            int newId = oldId < idMap.length ? idMap[oldId] & 0xFF : 0;
            if (twoByte) {
                b[elementData(e) - 2] = (byte) (newId == 0 ? UNNEGOTIATED_ID : newId);
            } else {
                int nibble = newId == 0 || newId > UNNEGOTIATED_ID ? UNNEGOTIATED_ID : newId;
                int header = elementData(e) - 1;
                b[header] = (byte) ((nibble << 4) | (b[header] & 0x0F));
            }
            pos = elementData(e) + elementLength(e);
        }
    }

    private static long locate(byte[] b, int off, int len, int id) {
        int start = blockStart(b, off, len);
        if (start < 0 || id <= 0) {
            return -1;
        }
        boolean twoByte = isTwoByte(b, start);
        int end = start + 4 + RtpPacket.readUint16(b, start + 2) * 4;
        int pos = start + 4;
        while (true) {
            long e = element(b, pos, end, twoByte);
            if (e < 0) {
                return -1;
            }
            if (elementId(e) == id) {
                return e;
            }
            pos = elementData(e) + elementLength(e);
        }
    }

    /** Absolute offset of the extension header (profile field) of an RFC 8285 block, or -1. */
    private static int blockStart(byte[] b, int off, int len) {
        if (!RtpPacket.isValid(b, off, len) || !RtpPacket.hasExtension(b, off)) {
            return -1;
        }
        int start = off + RtpPacket.extensionOffset(b, off);
        int profile = RtpPacket.readUint16(b, start);
        return profile == ONE_BYTE_PROFILE || (profile & 0xFFF0) == TWO_BYTE_PROFILE ? start : -1;
    }

    private static boolean isTwoByte(byte[] b, int start) {
        return RtpPacket.readUint16(b, start) != ONE_BYTE_PROFILE;
    }

    /**
     * Parses the element at or after {@code pos} (skipping padding), never reading at or past {@code end}.
     * Returns the element packed as {@code id << 48 | length << 32 | dataOffset}, or {@link #END} / {@link #MALFORMED}.
     */
    private static long element(byte[] b, int pos, int end, boolean twoByte) {
        // A zero ID marks a single padding byte. In the one-byte form the length nibble of such a byte is ignored, as
        // libwebrtc does, so a stray 0x0L byte is skipped rather than read (and remapped) as an element.
        int idMask = twoByte ? 0xFF : 0xF0;
        while (pos < end && (b[pos] & idMask) == 0) {
            pos++;
        }
        if (pos >= end) {
            return END;
        }
        int id;
        int length;
        int data;
        if (twoByte) {
            if (pos + 2 > end) {
                return MALFORMED;
            }
            id = b[pos] & 0xFF;
            length = b[pos + 1] & 0xFF;
            data = pos + 2;
        } else {
            id = (b[pos] & 0xF0) >>> 4;
            if (id == 15) {
                // §4.2: "the local identifier value 15 is reserved ... stop parsing the entire extension".
                return END;
            }
            length = (b[pos] & 0x0F) + 1;
            data = pos + 1;
        }
        if (length > end - data) {
            return MALFORMED;
        }
        return ((long) id << 48) | ((long) length << 32) | data;
    }

    private static int elementId(long element) {
        return (int) (element >>> 48);
    }

    private static int elementLength(long element) {
        return (int) (element >>> 32) & 0xFFFF;
    }

    private static int elementData(long element) {
        return (int) element;
    }

    /**
     * A reusable walker over the elements of one packet's extension block, for callers that read several elements
     * and do not want to scan the block once per element.
     * <pre>{@code
     * if (cursor.reset(b, off, len)) while (cursor.next()) { switch (cursor.id()) { ... } }
     * }</pre>
     */
    public static final class Cursor {
        private byte[] buf;
        private int pos;
        private int end;
        private boolean twoByte;
        private long current = END;
        private boolean malformed;

        /** Starts over on a packet; false (and no elements) when it has no valid RFC 8285 block. */
        public boolean reset(byte[] b, int off, int len) {
            buf = b;
            current = END;
            malformed = false;
            int start = blockStart(b, off, len);
            if (start < 0) {
                pos = end = 0;
                return false;
            }
            twoByte = isTwoByte(b, start);
            pos = start + 4;
            end = pos + RtpPacket.readUint16(b, start + 2) * 4;
            return true;
        }

        /** Moves to the next element; false at the end of the block or at a malformed element. */
        public boolean next() {
            if (pos >= end) {
                return false;
            }
            current = element(buf, pos, end, twoByte);
            if (current < 0) {
                malformed = current == MALFORMED;
                pos = end;
                return false;
            }
            pos = elementData(current) + elementLength(current);
            return true;
        }

        /** True when iteration stopped at an element that overruns the block. */
        public boolean malformed() {
            return malformed;
        }

        public boolean twoByteForm() {
            return twoByte;
        }

        public int id() {
            return elementId(current);
        }

        /** Absolute offset of the current element's data. */
        public int dataOffset() {
            return elementData(current);
        }

        public int dataLength() {
            return elementLength(current);
        }
    }
}
