package dev.vireo.bench.signal;

import dev.vireo.bench.media.Receiver;
import dev.vireo.sdp.MediaDescription;
import dev.vireo.sdp.SdpException;
import dev.vireo.sdp.SessionDescription;

import java.util.ArrayList;
import java.util.List;

/**
 * What every load client does the same whatever server it speaks to: it keeps the transports it opened (publish and
 * subscribe) for the counts and sums {@link SignalingClient} reports, turns the server's SDP into
 * {@link LoadTransport#connect}, and closes publication, signaling and transports in that order.
 */
abstract class LoadClient implements SignalingClient {
    final ClientContext context;
    /** null for a participant that only receives */
    final Publication publication;
    final Receiver receiver;
    private final List<LoadTransport> transports = new ArrayList<>();

    LoadClient(ClientContext context, Publication publication, Receiver receiver) {
        this.context = context;
        this.publication = publication;
        this.receiver = receiver;
    }

    /** Closes the signaling connection, if one was opened. */
    abstract void closeSignaling();

    LoadTransport open(Receiver r, Runnable onKeyframeRequest) {
        LoadTransport t = context.transports().open(r, onKeyframeRequest);
        synchronized (transports) {
            transports.add(t);
        }
        return t;
    }

    @Override
    public final int connectedTransports() {
        synchronized (transports) {
            return (int) transports.stream().filter(LoadTransport::connected).count();
        }
    }

    @Override
    public final int failedTransports() {
        synchronized (transports) {
            return (int) transports.stream().filter(LoadTransport::failed).count();
        }
    }

    @Override
    public final long[] transportCounters() {
        long[] c = new long[2];
        synchronized (transports) {
            for (LoadTransport t : transports) {
                c[0] += t.srtpRejected();
                c[1] += t.sendDrops();
            }
        }
        return c;
    }

    @Override
    public final void close() {
        if (publication != null) {
            publication.stop(context.sender());
        }
        closeSignaling();
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
    static void connectTransport(LoadTransport t, SessionDescription remote, MediaDescription first,
                                 List<String> candidates) {
        String ufrag = first.iceUfrag() != null ? first.iceUfrag() : remote.iceUfrag();
        String pwd = first.icePwd() != null ? first.icePwd() : remote.icePwd();
        String fingerprint = first.fingerprint() != null ? first.fingerprint() : remote.fingerprints().get(0);
        String setup = first.setup() != null ? first.setup() : remote.setup();
        t.connect(ufrag, pwd, candidates, fingerprint, !"active".equals(setup));
    }
}
