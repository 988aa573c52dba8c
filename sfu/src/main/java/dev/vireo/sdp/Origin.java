package dev.vireo.sdp;

import java.util.List;

/**
 * {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>} (RFC 8866 §5.2). JSEP keeps the
 * session id for the life of a PeerConnection and increments the version on every new description (RFC 8829 §5.2.2).
 *
 * @param sessionId      kept as text: browsers write up to 19 digits
 * @param sessionVersion 0 to Long.MAX_VALUE
 */
public record Origin(String username, String sessionId, long sessionVersion, String netType, String addrType,
                     String address) {
    static Origin parse(String value) throws SdpException {
        List<String> w = Tokens.words(value);
        if (w.size() != 6 || Tokens.number(w.get(1), 0, Long.MAX_VALUE) < 0 && !isDigits(w.get(1))) {
            throw bad(value);
        }
        long version = Tokens.number(w.get(2), 0, Long.MAX_VALUE);
        if (version < 0) {
            throw bad(value);
        }
        return new Origin(w.get(0), w.get(1), version, w.get(3), w.get(4), w.get(5));
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.length() <= 40 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static SdpException bad(String value) {
        return new SdpException("bad o=" + value + " (want <username> <sess-id> <sess-version> IN IP4 <address>)");
    }

    @Override
    public String toString() {
        return username + ' ' + sessionId + ' ' + sessionVersion + ' ' + netType + ' ' + addrType + ' ' + address;
    }
}
