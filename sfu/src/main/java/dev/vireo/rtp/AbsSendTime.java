package dev.vireo.rtp;

/**
 * The abs-send-time header extension element (webrtc.org "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"):
 * 3 bytes, the send time in seconds as an unsigned 6.18 fixed-point number (wrapping every 64 s).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | len=2 |              absolute send time               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class AbsSendTime {
    public static final int LENGTH = 3;

    private AbsSendTime() {
    }

    /** The 24-bit value for a monotonic time in nanoseconds. */
    public static int fromNanos(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        long fraction = nanos % 1_000_000_000L;
        return (int) ((((seconds & 0x3F) << 18) | ((fraction << 18) / 1_000_000_000L)) & 0xFFFFFF);
    }

    /** Overwrites the element of {@code id} in an RTP packet with {@code nanos}; false when it has none. */
    public static boolean rewrite(byte[] b, int off, int len, int id, long nanos) {
        int at = HeaderExtensions.find(b, off, len, id);
        if (at < 0 || HeaderExtensions.findLength(b, off, len, id) != LENGTH) {
            return false;
        }
        int value = fromNanos(nanos);
        b[at] = (byte) (value >>> 16);
        b[at + 1] = (byte) (value >>> 8);
        b[at + 2] = (byte) value;
        return true;
    }
}
