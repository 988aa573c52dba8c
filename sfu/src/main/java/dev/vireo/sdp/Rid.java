package dev.vireo.sdp;

import java.util.List;

/**
 * {@code a=rid:<rid-id> <send|recv> [<restrictions>]} (RFC 8851 §4), e.g. "q send" or "f send pt=96;max-width=1280".
 *
 * @param direction    "send" or "recv"
 * @param restrictions the restriction text as written, or null
 */
public record Rid(String id, String direction, String restrictions) {
    static Rid parse(String value) throws SdpException {
        List<String> words = Tokens.words(value);
        if (words.size() < 2 || words.size() > 3 || !isRidId(words.get(0))
                || !(words.get(1).equals("send") || words.get(1).equals("recv"))) {
            throw new SdpException("bad a=rid:" + value + " (want <id> send|recv [<restrictions>])");
        }
        return new Rid(words.get(0), words.get(1), words.size() == 3 ? words.get(2) : null);
    }

    /** RFC 8851 rid-id: letters, digits, '-' and '_'. */
    static boolean isRidId(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return id + ' ' + direction + (restrictions != null ? " " + restrictions : "");
    }
}
