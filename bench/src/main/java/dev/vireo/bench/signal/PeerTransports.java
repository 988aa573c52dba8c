package dev.vireo.bench.signal;

import dev.vireo.bench.media.Receiver;
import dev.vireo.bench.media.RtcpFeedback;
import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.dtls.DtlsCertificate;
import dev.vireo.peer.PeerReactor;
import dev.vireo.peer.PeerTransport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load transports on {@link PeerTransport}: one certificate for the whole run (generating one takes tens of
 * milliseconds), and a few {@link PeerReactor}s shared round-robin by every client, so hundreds of transports cost
 * a handful of threads.
 */
public final class PeerTransports implements TransportFactory {
    private static final int HANDSHAKE_THREADS = 4;

    private final PeerReactor[] reactors;
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final AtomicInteger next = new AtomicInteger();

    private PeerTransports(PeerReactor[] reactors) {
        this.reactors = reactors;
    }

    /** {@code reactors} I/O threads sharing {@code pool} for received packets, waiting for them as {@code wait} says. */
    public static TransportFactory create(BufferPool pool, int reactors, PeerReactor.Wait wait) {
        PeerReactor[] r = new PeerReactor[reactors];
        try {
            for (int i = 0; i < reactors; i++) {
                r[i] = new PeerReactor("bench", HANDSHAKE_THREADS, pool, wait);
            }
        } catch (IOException e) {
            for (PeerReactor x : r) {
                if (x != null) {
                    x.close();
                }
            }
            throw new UncheckedIOException(e);
        }
        return new PeerTransports(r);
    }

    @Override
    public LoadTransport open(Receiver receiver, Runnable onKeyframeRequest) {
        Adapter a = new Adapter(receiver, onKeyframeRequest);
        PeerReactor reactor = reactors[Math.floorMod(next.getAndIncrement(), reactors.length)];
        a.transport = reactor.newTransport(certificate, a, a);
        return a;
    }

    @Override
    public void close() {
        for (PeerReactor r : reactors) {
            r.close();
        }
    }

    private static final class Adapter implements LoadTransport, PeerTransport.Listener, PeerTransport.MediaHandler {
        private final Receiver receiver;
        private final Runnable onKeyframeRequest;
        private final List<Runnable> onConnected = new ArrayList<>();
        private PeerTransport transport;
        private volatile boolean connected;
        private volatile boolean failed;

        Adapter(Receiver receiver, Runnable onKeyframeRequest) {
            this.receiver = receiver;
            this.onKeyframeRequest = onKeyframeRequest;
        }

        @Override
        public LocalEndpoint local() {
            String c = transport.localCandidate();
            return new LocalEndpoint(transport.localUfrag(), transport.localPassword(),
                    c.startsWith("candidate:") ? c.substring("candidate:".length()) : c, transport.fingerprint());
        }

        @Override
        public void connect(String ufrag, String password, List<String> candidates, String fingerprint,
                            boolean dtlsClient) {
            transport.connect(ufrag, password, candidates, fingerprint, dtlsClient);
        }

        @Override
        public boolean connected() {
            return connected;
        }

        @Override
        public boolean failed() {
            return failed;
        }

        @Override
        public long srtpRejected() {
            return transport.srtpRejected();
        }

        @Override
        public long sendDrops() {
            return transport.sendDrops();
        }

        @Override
        public void whenConnected(Runnable action) {
            synchronized (onConnected) {
                if (!connected) {
                    onConnected.add(action);
                    return;
                }
            }
            action.run();
        }

        @Override
        public void onConnected(PeerTransport t) {
            List<Runnable> actions;
            synchronized (onConnected) {
                connected = true;
                actions = new ArrayList<>(onConnected);
                onConnected.clear();
            }
            actions.forEach(Runnable::run);
        }

        @Override
        public void onFailed(PeerTransport t, String reason) {
            failed = true;
        }

        @Override
        public void onRtp(PacketBuffer packet) {
            try {
                if (receiver != null) {
                    receiver.onRtp(packet);
                }
            } finally {
                packet.release();
            }
        }

        @Override
        public void onRtcp(PacketBuffer packet) {
            try {
                if (onKeyframeRequest != null
                        && RtcpFeedback.requestsKeyframe(packet.array(), packet.offset(), packet.length())) {
                    onKeyframeRequest.run();
                }
            } finally {
                packet.release();
            }
        }

        @Override
        public void sendRtp(PacketBuffer packet) {
            transport.sendRtp(packet);
        }

        @Override
        public void close() {
            transport.close();
        }
    }
}
