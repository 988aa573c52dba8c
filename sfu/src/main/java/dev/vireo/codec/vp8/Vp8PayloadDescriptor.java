package dev.vireo.codec.vp8;

/**
 * The VP8 payload descriptor that starts every VP8 RTP payload (RFC 7741 §4.2), and the first bytes of the VP8 frame
 * after it (§4.3, RFC 6386 §9.1). All methods take the RTP payload as {@code (b, off, len)}, check bounds, never
 * throw on malformed input and never allocate.
 * <pre>
 *        0 1 2 3 4 5 6 7
 *       +-+-+-+-+-+-+-+-+
 *       |X|R|N|S|R| PID | (REQUIRED)
 *       +-+-+-+-+-+-+-+-+
 *  X:   |I|L|T|K| RSV   | (OPTIONAL)
 *       +-+-+-+-+-+-+-+-+
 *  I:   |M| PictureID   | (OPTIONAL)
 *       +-+-+-+-+-+-+-+-+
 *       |   PictureID   | (OPTIONAL, when M = 1: 15-bit picture ID)
 *       +-+-+-+-+-+-+-+-+
 *  L:   |   TL0PICIDX   | (OPTIONAL)
 *       +-+-+-+-+-+-+-+-+
 *  T/K: |TID|Y| KEYIDX  | (OPTIONAL)
 *       +-+-+-+-+-+-+-+-+
 * </pre>
 * At the start of partition 0 (S = 1, PID = 0) the VP8 payload header follows (§4.3); its P bit is 0 for a key
 * frame, and a key frame continues with a start code and the frame size (RFC 6386 §9.1):
 * <pre>
 *       +-+-+-+-+-+-+-+-+
 *       |Size0|H| VER |P|
 *       +-+-+-+-+-+-+-+-+
 *       |     Size1     |
 *       +-+-+-+-+-+-+-+-+
 *       |     Size2     |
 *       +-+-+-+-+-+-+-+-+
 *       | 0x9d 0x01 0x2a|  start code, key frames only
 *       +-+-+-+-+-+-+-+-+
 *       | width: 14 bits little-endian + 2-bit horizontal scale |
 *       | height: 14 bits little-endian + 2-bit vertical scale  |
 * </pre>
 */
public final class Vp8PayloadDescriptor {
    private static final int X = 0x80;
    private static final int S = 0x10;
    private static final int I = 0x80;
    private static final int L = 0x40;
    private static final int T = 0x20;
    private static final int K = 0x10;
    private static final int M = 0x80;

    private Vp8PayloadDescriptor() {
    }

    /** Length of the payload descriptor in bytes (1 to 6), or -1 when the payload is too short to hold it. */
    public static int headerLength(byte[] b, int off, int len) {
        if (!inside(b, off, len) || len < 1) {
            return -1;
        }
        if ((b[off] & X) == 0) {
            return 1;
        }
        if (len < 2) {
            return -1;
        }
        int ext = b[off + 1];
        int length = 2;
        if ((ext & I) != 0) {
            if (len < length + 1) {
                return -1;
            }
            length += (b[off + length] & M) != 0 ? 2 : 1;
        }
        if ((ext & L) != 0) {
            length++;
        }
        if ((ext & (T | K)) != 0) {
            length++;
        }
        return length <= len ? length : -1;
    }

    /** S: the payload starts a VP8 partition. False for an empty payload. */
    public static boolean isStartOfPartition(byte[] b, int off, int len) {
        return inside(b, off, len) && len >= 1 && (b[off] & S) != 0;
    }

    /** PID: the partition index (0..7), or -1 for an empty payload. */
    public static int partitionIndex(byte[] b, int off, int len) {
        return inside(b, off, len) && len >= 1 ? b[off] & 0x07 : -1;
    }

    /**
     * True when the payload starts a key frame: S = 1 and PID = 0 in the descriptor, and the P bit of the VP8
     * payload header after it is 0.
     */
    public static boolean isKeyframe(byte[] b, int off, int len) {
        int header = headerLength(b, off, len);
        if (header < 0 || header >= len) {
            return false;
        }
        return (b[off] & S) != 0 && (b[off] & 0x07) == 0 && (b[off + header] & 0x01) == 0;
    }

    /** The 7- or 15-bit picture ID, or -1 when absent or truncated. */
    public static int pictureId(byte[] b, int off, int len) {
        int at = pictureIdOffset(b, off, len);
        if (at < 0) {
            return -1;
        }
        return (b[at] & M) != 0 ? ((b[at] & 0x7F) << 8) | (b[at + 1] & 0xFF) : b[at] & 0x7F;
    }

    /** True when the picture ID is present in its 15-bit form (M = 1). */
    public static boolean hasLongPictureId(byte[] b, int off, int len) {
        int at = pictureIdOffset(b, off, len);
        return at >= 0 && (b[at] & M) != 0;
    }

    /**
     * Rewrites the picture ID in place, keeping the field's width (the low 7 or 15 bits of {@code pictureId} are
     * written). False, and nothing written, when the payload has no picture ID.
     */
    public static boolean setPictureId(byte[] b, int off, int len, int pictureId) {
        int at = pictureIdOffset(b, off, len);
        if (at < 0) {
            return false;
        }
        if ((b[at] & M) != 0) {
            b[at] = (byte) (M | ((pictureId >>> 8) & 0x7F));
            b[at + 1] = (byte) pictureId;
        } else {
            b[at] = (byte) (pictureId & 0x7F);
        }
        return true;
    }

    /** TL0PICIDX (0..255), or -1 when absent or truncated. */
    public static int tl0PicIdx(byte[] b, int off, int len) {
        int at = tl0PicIdxOffset(b, off, len);
        return at < 0 ? -1 : b[at] & 0xFF;
    }

    /** Rewrites TL0PICIDX in place; false, and nothing written, when the payload has none. */
    public static boolean setTl0PicIdx(byte[] b, int off, int len, int tl0PicIdx) {
        int at = tl0PicIdxOffset(b, off, len);
        if (at < 0) {
            return false;
        }
        b[at] = (byte) tl0PicIdx;
        return true;
    }

    /** The temporal layer index TID (0..3), or -1 when T = 0 or the descriptor is truncated. */
    public static int tid(byte[] b, int off, int len) {
        int at = tidKeyIdxOffset(b, off, len);
        return at < 0 || (b[off + 1] & T) == 0 ? -1 : (b[at] & 0xC0) >>> 6;
    }

    /** Y: the frame depends only on the base layer's last frame (a layer sync point); false when T = 0. */
    public static boolean layerSync(byte[] b, int off, int len) {
        int at = tidKeyIdxOffset(b, off, len);
        return at >= 0 && (b[off + 1] & T) != 0 && (b[at] & 0x20) != 0;
    }

    /** Width in pixels of a key frame (RFC 6386 §9.1), or -1 when this is not a key frame's first packet. */
    public static int keyframeWidth(byte[] b, int off, int len) {
        int at = keyframeSizeOffset(b, off, len);
        return at < 0 ? -1 : ((b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8)) & 0x3FFF;
    }

    /** Height in pixels of a key frame, or -1 when this is not a key frame's first packet. */
    public static int keyframeHeight(byte[] b, int off, int len) {
        int at = keyframeSizeOffset(b, off, len);
        return at < 0 ? -1 : ((b[at + 2] & 0xFF) | ((b[at + 3] & 0xFF) << 8)) & 0x3FFF;
    }

    private static int keyframeSizeOffset(byte[] b, int off, int len) {
        if (!isKeyframe(b, off, len)) {
            return -1;
        }
        int frame = off + headerLength(b, off, len);
        if (off + len - frame < 10) {
            return -1;
        }
        boolean startCode = (b[frame + 3] & 0xFF) == 0x9D && (b[frame + 4] & 0xFF) == 0x01
                && (b[frame + 5] & 0xFF) == 0x2A;
        return startCode ? frame + 6 : -1;
    }

    private static int pictureIdOffset(byte[] b, int off, int len) {
        if (headerLength(b, off, len) < 0 || (b[off] & X) == 0 || (b[off + 1] & I) == 0) {
            return -1;
        }
        return off + 2;
    }

    private static int tl0PicIdxOffset(byte[] b, int off, int len) {
        if (headerLength(b, off, len) < 0 || (b[off] & X) == 0 || (b[off + 1] & L) == 0) {
            return -1;
        }
        return off + 2 + pictureIdLength(b, off);
    }

    private static int tidKeyIdxOffset(byte[] b, int off, int len) {
        if (headerLength(b, off, len) < 0 || (b[off] & X) == 0 || (b[off + 1] & (T | K)) == 0) {
            return -1;
        }
        return off + 2 + pictureIdLength(b, off) + ((b[off + 1] & L) != 0 ? 1 : 0);
    }

    /** Bytes of picture ID in a descriptor known to be complete and extended. */
    private static int pictureIdLength(byte[] b, int off) {
        if ((b[off + 1] & I) == 0) {
            return 0;
        }
        return (b[off + 2] & M) != 0 ? 2 : 1;
    }

    private static boolean inside(byte[] b, int off, int len) {
        return b != null && off >= 0 && len >= 0 && off <= b.length - len;
    }
}
