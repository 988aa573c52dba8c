package dev.vireo.rtcp;

/**
 * PLI: Picture Loss Indication (RFC 4585 §6.3.1), a PSFB message with FMT = 1 and no FCI.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=1  |    PT=206     |          length=2             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record PictureLossIndication(int senderSsrc, int mediaSsrc) {
    public static final int SIZE = 12;

    public static PictureLossIndication parse(byte[] b, int off, int len) throws RtcpParseException {
        RtcpFeedback.check(b, off, len, RtcpPacketType.PSFB, RtcpFeedback.FMT_PLI);
        return new PictureLossIndication(RtcpFeedback.senderSsrc(b, off), RtcpFeedback.mediaSsrc(b, off));
    }

    public int size() {
        return SIZE;
    }

    public int writeTo(byte[] dst, int off) {
        return write(dst, off, senderSsrc, mediaSsrc);
    }

    /**
     * Writes a PLI asking {@code mediaSsrc}'s sender for a keyframe.
     *
     * @return 12, the bytes written
     */
    public static int write(byte[] dst, int off, int senderSsrc, int mediaSsrc) {
        return RtcpFeedback.writeHeader(dst, off, RtcpPacketType.PSFB, RtcpFeedback.FMT_PLI, SIZE, senderSsrc,
                mediaSsrc);
    }

    /** The media source SSRC of a PLI the caller has bounded. */
    public static int mediaSsrc(byte[] b, int off) {
        return RtcpFeedback.mediaSsrc(b, off);
    }
}
