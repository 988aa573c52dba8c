package dev.vireo.sdp;

import java.util.List;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]} (RFC 8866 §6.6).
 *
 * @param channels the encoding parameters for audio (channel count); 0 when absent
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {
    static RtpMap parse(String value) throws SdpException {
        List<String> words = Tokens.words(value);
        if (words.size() != 2) {
            throw bad(value);
        }
        int pt = Tokens.payloadType(words.get(0));
        String[] parts = words.get(1).split("/", -1);
        if (pt < 0 || parts.length < 2 || parts.length > 3 || !Tokens.isToken(parts[0])) {
            throw bad(value);
        }
        long clock = Tokens.number(parts[1], 1, Integer.MAX_VALUE);
        long channels = parts.length == 3 ? Tokens.number(parts[2], 1, 255) : 0;
        if (clock < 0 || channels < 0) {
            throw bad(value);
        }
        return new RtpMap(pt, parts[0], (int) clock, (int) channels);
    }

    private static SdpException bad(String value) {
        return new SdpException("bad a=rtpmap:" + value + " (want <pt> <name>/<clock rate>[/<channels>])");
    }

    /** True if the encoding name matches, ignoring case as RFC 8866 says encoding names do. */
    public boolean is(String name) {
        return encodingName.equalsIgnoreCase(name);
    }

    /** The attribute value, e.g. "111 opus/48000/2". */
    @Override
    public String toString() {
        return payloadType + " " + encodingName + '/' + clockRate + (channels > 0 ? "/" + channels : "");
    }
}
