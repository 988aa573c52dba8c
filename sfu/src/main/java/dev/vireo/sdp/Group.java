package dev.vireo.sdp;

import java.util.List;

/** {@code a=group:<semantics> <mid> ...} (RFC 5888 §5), e.g. "BUNDLE 0 1" (RFC 8843). */
public record Group(String semantics, List<String> mids) {
    public Group {
        mids = List.copyOf(mids);
    }

    static Group parse(String value) throws SdpException {
        List<String> words = Tokens.words(value);
        if (words.isEmpty() || !Tokens.isToken(words.get(0))) {
            throw new SdpException("bad a=group:" + value + " (want <semantics> <mid> ...)");
        }
        return new Group(words.get(0), words.subList(1, words.size()));
    }

    @Override
    public String toString() {
        return mids.isEmpty() ? semantics : semantics + ' ' + String.join(" ", mids);
    }
}
