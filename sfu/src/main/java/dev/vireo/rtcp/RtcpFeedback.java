package dev.vireo.rtcp;

/**
 * The common part of RTCP feedback messages, RTPFB (205) and PSFB (206) (RFC 4585 §6.1).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|   FMT   |       PT      |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :            Feedback Control Information (FCI)                 :
 * :                                                               :
 * </pre>
 * The static accessors read a packet the caller has bounded (e.g. with {@link RtcpIterator}) to at least 12 bytes.
 */
public final class RtcpFeedback {
    /** Header plus both SSRCs. */
    public static final int HEADER_SIZE = 12;
    /** RTPFB FMT: Generic NACK, RFC 4585 §6.2.1. */
    public static final int FMT_GENERIC_NACK = 1;
    /** RTPFB FMT: transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions). */
    public static final int FMT_TRANSPORT_CC = 15;
    /** PSFB FMT: Picture Loss Indication, RFC 4585 §6.3.1. */
    public static final int FMT_PLI = 1;
    /** PSFB FMT: Full Intra Request, RFC 5104 §4.3.1. */
    public static final int FMT_FIR = 4;
    /** PSFB FMT: application layer feedback (REMB), RFC 4585 §6.4. */
    public static final int FMT_AFB = 15;

    private RtcpFeedback() {
    }

    public static int senderSsrc(byte[] b, int off) {
        return RtcpHeader.readInt(b, off + 4);
    }

    public static int mediaSsrc(byte[] b, int off) {
        return RtcpHeader.readInt(b, off + 8);
    }

    /** Rewrites the media source SSRC in place (e.g. to the publisher's SSRC when relaying a subscriber's PLI). */
    public static void setMediaSsrc(byte[] b, int off, int mediaSsrc) {
        RtcpHeader.writeInt(b, off + 8, mediaSsrc);
    }

    /**
     * Writes the 12-byte common header of a feedback packet of {@code packetLength} bytes (a multiple of 4).
     *
     * @return 12, the bytes written
     */
    public static int writeHeader(byte[] dst, int off, int packetType, int format, int packetLength, int senderSsrc,
            int mediaSsrc) {
        RtcpHeader.write(dst, off, format, packetType, packetLength);
        RtcpHeader.writeInt(dst, off + 4, senderSsrc);
        RtcpHeader.writeInt(dst, off + 8, mediaSsrc);
        return HEADER_SIZE;
    }

    /**
     * Checks for a feedback packet of the given type and format at {@code off} and returns its length without
     * padding, which is at least {@link #HEADER_SIZE}.
     */
    static int check(byte[] b, int off, int len, int packetType, int format) throws RtcpParseException {
        int content = RtcpHeader.check(b, off, len, packetType);
        if (RtcpHeader.countOrFormat(b, off) != format) {
            throw new RtcpParseException("FMT " + RtcpHeader.countOrFormat(b, off) + ", expected " + format);
        }
        if (content < HEADER_SIZE) {
            throw new RtcpParseException("feedback packet shorter than its 12-byte header");
        }
        return content;
    }
}
