package dev.vireo.sdp;

import java.util.List;

/**
 * {@code a=msid:<stream id> [<track id>]} (RFC 8830 §2), also the value of an {@code a=ssrc:<ssrc> msid:} attribute.
 * A stream id of "-" means the track belongs to no stream.
 *
 * @param trackId the application track id, or null when not given
 */
public record Msid(String streamId, String trackId) {
    static Msid parse(String value) throws SdpException {
        List<String> words = Tokens.words(value);
        if (words.isEmpty() || words.size() > 2) {
            throw new SdpException("bad a=msid:" + value + " (want <stream id> [<track id>])");
        }
        return new Msid(words.get(0), words.size() == 2 ? words.get(1) : null);
    }

    @Override
    public String toString() {
        return trackId == null ? streamId : streamId + ' ' + trackId;
    }
}
