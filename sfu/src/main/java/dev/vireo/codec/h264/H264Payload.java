package dev.vireo.codec.h264;

/**
 * Key frame detection in H.264 RTP payloads (RFC 6184). A payload starts with a NAL unit header (RFC 6184 §5.3):
 * <pre>
 *       +---------------+
 *       |0|1|2|3|4|5|6|7|
 *       +-+-+-+-+-+-+-+-+
 *       |F|NRI|  Type   |
 *       +---------------+
 * </pre>
 * Types 1–23 are single NAL unit packets (§5.6). Type 24, STAP-A (§5.7.1), aggregates NAL units, each preceded by
 * its 16-bit size:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |STAP-A NAL HDR |         NALU 1 Size           | NALU 1 HDR    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         NALU 1 Data ...                       |
 * :                 ...           |         NALU 2 Size           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Type 28, FU-A (§5.8), fragments one NAL unit; the FU header's S bit marks the first fragment and its Type field
 * is the fragmented unit's type:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  FU indicator |   FU header   |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 * |                         FU payload                            |
 * FU header: |S|E|R|  Type   |
 * </pre>
 * Methods check bounds, never throw on malformed input and never allocate.
 */
public final class H264Payload {
    public static final int NAL_IDR = 5;
    public static final int NAL_SPS = 7;
    public static final int NAL_PPS = 8;
    public static final int STAP_A = 24;
    public static final int FU_A = 28;

    private H264Payload() {
    }

    /** The NAL unit type of the payload's first byte (which is STAP-A or FU-A for those forms), or -1 when empty. */
    public static int nalUnitType(byte[] b, int off, int len) {
        return inside(b, off, len) && len >= 1 ? b[off] & 0x1F : -1;
    }

    /**
     * True when the payload carries the start of a key frame: an IDR slice (5) or an SPS (7), as a single NAL unit,
     * anywhere inside a STAP-A, or as the first fragment of an FU-A.
     */
    public static boolean isKeyframe(byte[] b, int off, int len) {
        int type = nalUnitType(b, off, len);
        if (type == STAP_A) {
            int at = off + 1;
            int end = off + len;
            while (end - at >= 3) {
                int size = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
                if (size == 0 || size > end - at - 2) {
                    return false;
                }
                if (isKeyNal(b[at + 2] & 0x1F)) {
                    return true;
                }
                at += 2 + size;
            }
            return false;
        }
        if (type == FU_A) {
            return len >= 2 && (b[off + 1] & 0x80) != 0 && isKeyNal(b[off + 1] & 0x1F);
        }
        return isKeyNal(type);
    }

    private static boolean isKeyNal(int type) {
        return type == NAL_IDR || type == NAL_SPS;
    }

    private static boolean inside(byte[] b, int off, int len) {
        return b != null && off >= 0 && len >= 0 && off <= b.length - len;
    }
}
