package dev.vireo.sdp;

import java.util.List;
import java.util.Objects;

/**
 * The SFU's side of one PeerConnection's transport as written into its SDP: ICE credentials (RFC 8839 §5.4), host
 * candidates, and the SHA-256 fingerprint of its DTLS certificate (RFC 8122 §5).
 *
 * @param candidates  "candidate:..." strings (the a= value; the "candidate:" prefix may be left out)
 * @param fingerprint "sha-256 AB:CD:..."
 */
public record LocalTransport(String iceUfrag, String icePwd, List<String> candidates, String fingerprint) {
    public LocalTransport {
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        Objects.requireNonNull(fingerprint, "fingerprint");
        candidates = List.copyOf(candidates);
        try {
            AttributeSyntax.check(new Attribute("ice-ufrag", iceUfrag));
            AttributeSyntax.check(new Attribute("ice-pwd", icePwd));
            AttributeSyntax.checkFingerprint(fingerprint);
            for (String c : candidates) {
                AttributeSyntax.checkCandidate(candidateValue(c));
            }
        } catch (SdpException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!fingerprint.regionMatches(true, 0, "sha-256 ", 0, 8)) {
            throw new IllegalArgumentException("fingerprint must be sha-256: " + fingerprint);
        }
    }

    private static String candidateValue(String candidate) {
        return candidate.startsWith("candidate:") ? candidate.substring("candidate:".length()) : candidate;
    }

    /** Writes the m-line's port and c= line from the first UDP candidate (RFC 8829 §5.3.1), else 9 and 0.0.0.0. */
    MediaDescription.Builder mLine(String media, boolean rejected) {
        String address = "0.0.0.0";
        int port = 9;
        for (String c : candidates) {
            List<String> w = Tokens.words(candidateValue(c));
            if (w.get(2).equalsIgnoreCase("udp")) {
                address = w.get(4);
                port = (int) Tokens.number(w.get(5), 0, 65535);
                break;
            }
        }
        MediaDescription.Builder b = MediaDescription.builder(media, rejected ? 0 : port, "UDP/TLS/RTP/SAVPF");
        boolean v6 = address.indexOf(':') >= 0;
        return b.field('c', "IN " + (v6 ? "IP6 " : "IP4 ") + (rejected ? v6 ? "::" : "0.0.0.0" : address));
    }

    /** Writes candidates, ICE credentials, fingerprint and DTLS role into an accepted m-line. */
    void writeTo(MediaDescription.Builder b, String setup) {
        for (String c : candidates) {
            b.attribute("candidate", candidateValue(c));
        }
        b.flag("end-of-candidates");
        b.attribute("ice-ufrag", iceUfrag);
        b.attribute("ice-pwd", icePwd);
        b.attribute("ice-options", "trickle");
        b.attribute("fingerprint", fingerprint);
        b.attribute("setup", setup);
    }
}
