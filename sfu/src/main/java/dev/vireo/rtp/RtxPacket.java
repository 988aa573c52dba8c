package dev.vireo.rtp;

/**
 * The RTP retransmission payload format (RFC 4588 §4), wrapped and unwrapped in place. An RTX packet carries the
 * original packet's header fields (except SSRC, sequence number and payload type, which belong to the RTX stream),
 * its header extensions and padding, and a payload that starts with the original sequence number (OSN):
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         RTP Header                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            OSN                |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 * |                  Original RTP Packet Payload                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Both directions move only the header (tens of bytes), never the payload: wrapping moves it 2 bytes towards the
 * front of the buffer (the caller provides that headroom), unwrapping 2 bytes towards the payload. A packet whose
 * payload is only padding (a bandwidth probe) carries no OSN.
 */
public final class RtxPacket {
    /** Bytes the OSN adds in front of the payload. */
    public static final int OSN_SIZE = 2;

    private RtxPacket() {
    }

    /**
     * Turns the valid RTP packet at {@code [off, off + len)} into an RTX packet in place and returns its new offset,
     * {@code off - 2} (the length grows by 2). The caller must own 2 bytes of headroom before {@code off}.
     */
    public static int wrap(byte[] b, int off, int len, int rtxSsrc, int rtxSequenceNumber, int rtxPayloadType) {
        int header = RtpPacket.headerLength(b, off, len);
        int osn = RtpPacket.sequenceNumber(b, off);
        int start = off - OSN_SIZE;
        System.arraycopy(b, off, b, start, header);
        b[start + header] = (byte) (osn >>> 8);
        b[start + header + 1] = (byte) osn;
        RtpPacket.setSsrc(b, start, rtxSsrc);
        RtpPacket.setSequenceNumber(b, start, rtxSequenceNumber);
        RtpPacket.setPayloadType(b, start, rtxPayloadType);
        return start;
    }

    /**
     * Restores the original packet of the valid RTX packet at {@code [off, off + len)} in place: sequence number from
     * the OSN, the given SSRC and payload type. Returns the new offset ({@code off + 2}; the length shrinks by 2), or
     * -1 when the packet holds no OSN (a padding-only probe), leaving it untouched.
     */
    public static int unwrap(byte[] b, int off, int len, int ssrc, int payloadType) {
        int header = RtpPacket.headerLength(b, off, len);
        if (len - header - RtpPacket.paddingLength(b, off, len) < OSN_SIZE) {
            return -1;
        }
        int osn = RtpPacket.readUint16(b, off + header);
        int start = off + OSN_SIZE;
        System.arraycopy(b, off, b, start, header);
        RtpPacket.setSequenceNumber(b, start, osn);
        RtpPacket.setSsrc(b, start, ssrc);
        RtpPacket.setPayloadType(b, start, payloadType);
        return start;
    }

    /** The original sequence number of a valid RTX packet that has one (see {@link #unwrap}). */
    public static int originalSequenceNumber(byte[] b, int off, int len) {
        return RtpPacket.readUint16(b, off + RtpPacket.headerLength(b, off, len));
    }
}
