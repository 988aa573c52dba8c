package dev.vireo.bench.signal;

import dev.vireo.bench.media.Receiver;
import dev.vireo.sdp.MediaDescription;
import dev.vireo.sdp.SdpException;
import dev.vireo.sdp.SessionDescription;

import java.util.ArrayList;
import java.util.List;

/**
 * The transports one load client opened (publish and subscribe), whatever server it speaks to: the counts and sums
 * {@link SignalingClient} reports, and the step from the server's SDP to {@link LoadTransport#connect}.
 */
final class ClientTransports {
    private final TransportFactory factory;
    private final List<LoadTransport> transports = new ArrayList<>();

    ClientTransports(TransportFactory factory) {
        this.factory = factory;
    }

    LoadTransport open(Receiver r, Runnable onKeyframeRequest) {
        LoadTransport t = factory.open(r, onKeyframeRequest);
        synchronized (transports) {
            transports.add(t);
        }
        return t;
    }

    int connected() {
        synchronized (transports) {
            return (int) transports.stream().filter(LoadTransport::connected).count();
        }
    }

    int failed() {
        synchronized (transports) {
            return (int) transports.stream().filter(LoadTransport::failed).count();
        }
    }

    /** {SRTP rejected, send drops} summed over every transport. */
    long[] counters() {
        long[] c = new long[2];
        synchronized (transports) {
            for (LoadTransport t : transports) {
                c[0] += t.srtpRejected();
                c[1] += t.sendDrops();
            }
        }
        return c;
    }

    void closeAll() {
        synchronized (transports) {
            transports.forEach(LoadTransport::close);
            transports.clear();
        }
    }

    /**
     * The first m-line the server accepted: with BUNDLE its transport attributes stand for all (RFC 8843 §7).
     *
     * @param server who rejected everything, for the message
     */
    static MediaDescription firstAccepted(SessionDescription remote, String server) throws SdpException {
        for (MediaDescription m : remote.media()) {
            if (!m.rejected()) {
                return m;
            }
        }
        throw new SdpException(server + " rejected every m-line");
    }

    /**
     * Connects {@code t} with the ICE and DTLS attributes of {@code first}, falling back to the session level; this
     * side is the DTLS client unless the server took setup:active.
     */
    static void connect(LoadTransport t, SessionDescription remote, MediaDescription first, List<String> candidates) {
        String ufrag = first.iceUfrag() != null ? first.iceUfrag() : remote.iceUfrag();
        String pwd = first.icePwd() != null ? first.icePwd() : remote.icePwd();
        String fingerprint = first.fingerprint() != null ? first.fingerprint() : remote.fingerprints().get(0);
        String setup = first.setup() != null ? first.setup() : remote.setup();
        t.connect(ufrag, pwd, candidates, fingerprint, !"active".equals(setup));
    }
}
