package dev.vireo.sdp;

import java.util.List;

/**
 * Checks the grammar of the attributes the SFU reads, so that a parsed {@link SessionDescription} never fails later in
 * a typed accessor. Attributes not listed here are kept unchecked: RFC 8866 §5.13 says to ignore unknown ones.
 */
final class AttributeSyntax {
    private AttributeSyntax() {
    }

    static void check(Attribute a) throws SdpException {
        String v = a.value();
        switch (a.name()) {
            case "rtpmap" -> RtpMap.parse(need(a));
            case "fmtp" -> Fmtp.parse(need(a));
            case "rtcp-fb" -> RtcpFeedback.parse(need(a));
            case "extmap" -> ExtMap.parse(need(a));
            case "ssrc" -> SsrcAttribute.parse(need(a));
            case "ssrc-group" -> SsrcGroup.parse(need(a));
            case "rid" -> Rid.parse(need(a));
            case "simulcast" -> Simulcast.parse(need(a));
            case "msid" -> Msid.parse(need(a));
            case "group" -> Group.parse(need(a));
            case "fingerprint" -> checkFingerprint(need(a));
            case "candidate" -> checkCandidate(need(a));
            case "setup" -> {
                if (!List.of("actpass", "active", "passive", "holdconn").contains(need(a))) {
                    throw new SdpException("bad a=setup:" + v + " (want actpass, active, passive or holdconn)");
                }
            }
            case "mid", "ice-ufrag", "ice-pwd" -> {
                if (need(a).isBlank() || !Tokens.words(v).get(0).equals(v)) {
                    throw new SdpException("bad a=" + a.name() + ":" + v + " (want one non-empty word)");
                }
            }
            case "sendrecv", "sendonly", "recvonly", "inactive", "rtcp-mux", "rtcp-rsize", "end-of-candidates" -> {
                if (v != null) {
                    throw new SdpException("a=" + a.name() + " takes no value");
                }
            }
            default -> {
            }
        }
    }

    private static String need(Attribute a) throws SdpException {
        if (a.value() == null) {
            throw new SdpException("a=" + a.name() + " needs a value");
        }
        return a.value();
    }

    /** {@code <hash-func> <XX:XX:...>} (RFC 8122 §5): a token, then hex byte pairs separated by ':'. */
    static void checkFingerprint(String v) throws SdpException {
        List<String> w = Tokens.words(v);
        if (w.size() != 2 || !Tokens.isToken(w.get(0)) || !isHexPairs(w.get(1))) {
            throw new SdpException("bad a=fingerprint:" + v + " (want <hash function> <XX:XX:...>)");
        }
    }

    private static boolean isHexPairs(String s) {
        if ((s.length() + 1) % 3 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (i % 3 == 2 ? c != ':' : !hex) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code <foundation> <component> <transport> <priority> <address> <port> typ <type> ...} (RFC 8839 §5.1); only the
     * shape and the numbers are checked, the ICE agent interprets the rest.
     */
    static void checkCandidate(String v) throws SdpException {
        List<String> w = Tokens.words(v);
        if (w.size() < 8 || Tokens.number(w.get(1), 1, 256) < 0 || Tokens.number(w.get(3), 0, 0xFFFF_FFFFL) < 0
                || Tokens.number(w.get(5), 0, 65535) < 0 || !w.get(6).equals("typ")) {
            throw new SdpException("bad a=candidate:" + v
                    + " (want <foundation> <component> <transport> <priority> <address> <port> typ <type>)");
        }
    }
}
