package dev.vireo.rtp;

/**
 * What a datagram on a port shared by STUN, DTLS, RTP and RTCP is, from its first bytes.
 *
 * <p>RFC 7983 §7 demultiplexes on the first byte:
 * <pre>
 *              +----------------+
 *              |        [0..3] -+--> forward to STUN
 *              |                |
 *              |      [16..19] -+--> forward to ZRTP          (UNKNOWN here)
 *              |                |
 *  packet -->  |      [20..63] -+--> forward to DTLS
 *              |                |
 *              |      [64..79] -+--> forward to TURN Channel  (UNKNOWN here)
 *              |                |
 *              |    [128..191] -+--> forward to RTP/RTCP
 *              +----------------+
 * </pre>
 * RTP and RTCP on one port (RFC 5761 §4) are told apart by the second byte: 192..223 is an RTCP packet type
 * (RTP payload types 64..95 with the marker set collide with it, which is why they must not be used).
 * A datagram too short to be what its first byte says (12 bytes for RTP, 8 for RTCP, 20 for STUN, 13 for a DTLS
 * record header) is UNKNOWN, so later stages can read those headers without checking again.
 */
public enum MuxedPacketType {
    STUN, DTLS, RTP, RTCP, UNKNOWN;

    public static MuxedPacketType of(byte[] b, int off, int len) {
        if (b == null || off < 0 || len < 1 || off > b.length - len) {
            return UNKNOWN;
        }
        int first = b[off] & 0xFF;
        if (first <= 3) {
            return len >= 20 ? STUN : UNKNOWN;
        }
        if (first >= 20 && first <= 63) {
            return len >= 13 ? DTLS : UNKNOWN;
        }
        if (first >= 128 && first <= 191 && len >= 2) {
            int second = b[off + 1] & 0xFF;
            if (second >= 192 && second <= 223) {
                return len >= 8 ? RTCP : UNKNOWN;
            }
            return len >= RtpPacket.FIXED_HEADER_LENGTH ? RTP : UNKNOWN;
        }
        return UNKNOWN;
    }
}
