package dev.vireo.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=ssrc-group:<semantics> <ssrc-id> ...} (RFC 5576 §4.2). "FID" pairs a media SSRC with its RTX SSRC
 * (RFC 4588 §8.1), "SIM" lists legacy simulcast layers.
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {
    public SsrcGroup {
        ssrcs = List.copyOf(ssrcs);
    }

    static SsrcGroup parse(String value) throws SdpException {
        List<String> words = Tokens.words(value);
        if (words.size() < 2 || !Tokens.isToken(words.get(0))) {
            throw bad(value);
        }
        List<Long> ssrcs = new ArrayList<>();
        for (String w : words.subList(1, words.size())) {
            long ssrc = Tokens.ssrc(w);
            if (ssrc < 0) {
                throw bad(value);
            }
            ssrcs.add(ssrc);
        }
        return new SsrcGroup(words.get(0), ssrcs);
    }

    private static SdpException bad(String value) {
        return new SdpException("bad a=ssrc-group:" + value + " (want <semantics> <ssrc> ...)");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(semantics);
        for (long ssrc : ssrcs) {
            sb.append(' ').append(Long.toUnsignedString(ssrc));
        }
        return sb.toString();
    }
}
