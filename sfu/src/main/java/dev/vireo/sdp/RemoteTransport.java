package dev.vireo.sdp;

import java.util.List;

/**
 * The browser's side of a bundled transport, read from its offer or answer: ICE credentials and candidates of the
 * BUNDLE-tagged m-line (RFC 8843 §7: the bundle uses that m-line's transport), the sha-256 fingerprint and DTLS role.
 * Each attribute may sit at media level or, as a fallback, at session level.
 *
 * @param fingerprint "sha-256 AB:CD:..."
 * @param setup       a=setup as written: actpass, active or passive
 * @param candidates  "candidate:..." strings from the tagged m-line; more may trickle in later
 */
public record RemoteTransport(String iceUfrag, String icePwd, String fingerprint, String setup,
                              List<String> candidates) {
    public RemoteTransport {
        candidates = List.copyOf(candidates);
    }

    /**
     * Reads the transport and checks that every bundled m-line names the same sha-256 fingerprint.
     *
     * @param what     "offer" or "answer", for messages
     * @param tagged   the m-line whose transport the bundle uses
     * @param bundled  every accepted m-line in the bundle (tagged included), with its index in the description
     */
    static RemoteTransport read(String what, SessionDescription sd, MediaDescription tagged,
                                List<MediaDescription> bundled) throws SdpException {
        String ufrag = orSession(tagged.iceUfrag(), sd.iceUfrag());
        String pwd = orSession(tagged.icePwd(), sd.icePwd());
        String setup = orSession(tagged.setup(), sd.setup());
        if (ufrag == null) {
            throw new SdpException(what + " has no a=ice-ufrag");
        }
        if (pwd == null) {
            throw new SdpException(what + " has no a=ice-pwd");
        }
        if (setup == null) {
            throw new SdpException(what + " has no a=setup");
        }
        String fingerprint = null;
        for (MediaDescription m : bundled) {
            String f = sha256(what, m.fingerprints().isEmpty() ? sd.fingerprints() : m.fingerprints());
            if (fingerprint != null && !fingerprint.equalsIgnoreCase(f)) {
                throw new SdpException(what + " has different sha-256 fingerprints in one BUNDLE group");
            }
            fingerprint = f;
        }
        return new RemoteTransport(ufrag, pwd, fingerprint, setup, tagged.candidates());
    }

    private static String orSession(String media, String session) {
        return media != null ? media : session;
    }

    /** The sha-256 entry among the fingerprints (RFC 8122 §5 allows one per hash function). */
    private static String sha256(String what, List<String> fingerprints) throws SdpException {
        String found = null;
        for (String f : fingerprints) {
            List<String> w = Tokens.words(f);
            if (w.get(0).equalsIgnoreCase("sha-256")) {
                if (found != null && !found.equalsIgnoreCase(w.get(1))) {
                    throw new SdpException(what + " has more than one sha-256 a=fingerprint");
                }
                found = w.get(1);
            }
        }
        if (found == null) {
            throw new SdpException(what + " has no sha-256 a=fingerprint");
        }
        if (found.length() != 32 * 3 - 1) {
            throw new SdpException(what + " has a sha-256 a=fingerprint that is not 32 bytes long");
        }
        return "sha-256 " + found;
    }
}
