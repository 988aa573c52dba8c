package dev.vireo.sdp;

import java.util.List;

/**
 * A browser's offer or answer, parsed and checked against the SFU's rules: the description itself and the bundled
 * transport read from it, whose parts are offered here directly.
 */
public interface RemoteDescription {
    /** The parsed description. */
    SessionDescription description();

    RemoteTransport transport();

    default String iceUfrag() {
        return transport().iceUfrag();
    }

    default String icePwd() {
        return transport().icePwd();
    }

    /** "sha-256 AB:CD:..." */
    default String fingerprint() {
        return transport().fingerprint();
    }

    /** a=setup: actpass or active in an offer; always active in an answer, the SFU being the DTLS server. */
    default String setup() {
        return transport().setup();
    }

    /** Candidates of the m-line carrying the bundle, as "candidate:..." strings. */
    default List<String> candidates() {
        return transport().candidates();
    }
}
