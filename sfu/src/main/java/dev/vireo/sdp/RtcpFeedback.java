package dev.vireo.sdp;

/**
 * {@code a=rtcp-fb:<pt|*> <type> [<parameter>]} (RFC 4585 §4.2), e.g. "96 nack pli", "96 ccm fir", "* transport-cc".
 *
 * @param format    a payload type or "*" for every payload type of the m-line
 * @param feedback  the feedback type and its parameters as written, e.g. "nack pli"
 */
public record RtcpFeedback(String format, String feedback) {
    static RtcpFeedback parse(String value) throws SdpException {
        int space = value.indexOf(' ');
        String format = space < 0 ? value : value.substring(0, space);
        String feedback = space < 0 ? "" : value.substring(space + 1).trim();
        if (!(format.equals("*") || Tokens.payloadType(format) >= 0) || feedback.isEmpty()) {
            throw new SdpException("bad a=rtcp-fb:" + value + " (want <pt|*> <feedback type>)");
        }
        return new RtcpFeedback(format, String.join(" ", Tokens.words(feedback)));
    }

    /** True if this line applies to the payload type (its own number or "*"). */
    public boolean appliesTo(int payloadType) {
        return format.equals("*") || format.equals(Integer.toString(payloadType));
    }

    @Override
    public String toString() {
        return format + ' ' + feedback;
    }
}
