package dev.vireo.bench.media;

/**
 * Finds key frame requests in a compound RTCP packet from the SFU: PLI (RFC 4585 §6.3.1, PT 206 FMT 1) and FIR
 * (RFC 5104 §4.3.1, PT 206 FMT 4). Everything else (receiver reports, REMB, NACK) a load publisher ignores.
 */
public final class RtcpFeedback {
    private RtcpFeedback() {
    }

    /** True when the compound packet holds a PLI or FIR. Walks headers by their length words; stops at a bad one. */
    public static boolean requestsKeyframe(byte[] b, int off, int len) {
        int at = off;
        int end = off + len;
        while (end - at >= 4) {
            int fmt = b[at] & 0x1F;
            int pt = b[at + 1] & 0xFF;
            int words = ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            int size = (words + 1) * 4;
            if ((b[at] & 0xC0) != 0x80 || size > end - at) {
                return false;
            }
            if (pt == 206 && (fmt == 1 || fmt == 4)) {
                return true;
            }
            at += size;
        }
        return false;
    }
}
