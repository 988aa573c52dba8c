package dev.vireo.sfu.transport;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.bwe.BandwidthEstimator;
import dev.vireo.bwe.DownlinkEstimate;
import dev.vireo.dtls.DtlsCertificate;
import dev.vireo.dtls.DtlsException;
import dev.vireo.dtls.DtlsResult;
import dev.vireo.dtls.DtlsServer;
import dev.vireo.dtls.Fingerprint;
import dev.vireo.ice.IceEndpoint;
import dev.vireo.ice.IceSession;
import dev.vireo.rtp.HeaderExtensions;
import dev.vireo.rtp.MuxedPacketType;
import dev.vireo.sdp.LocalTransport;
import dev.vireo.sfu.forward.PacketSink;
import dev.vireo.srtp.SrtpProfile;
import dev.vireo.srtp.SrtpSession;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.tls.DTLSTransport;

/**
 * One PeerConnection's transport at the SFU: ICE (controlled, on the shared port), then a DTLS handshake in which the
 * SFU is the server and checks the peer's certificate against the fingerprint from its SDP, then SRTP with the keys
 * that handshake exported.
 *
 * <p>Receive side: {@code ice (shared receive thread) → this transport's {@link MediaWorkers} lane → demux →
 * SRTP/SRTCP unprotect → handler}; packets that fail authentication, or that the lane had no room or time for, are
 * counted and dropped here, so nothing downstream ever sees them. Send side: {@code protect → ice send}; callers hand over the
 * buffer and this class releases it.
 */
public final class MediaTransport implements PacketSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MediaTransport.class.getName());
    private static final List<SrtpProfile> SRTP_PREFERENCE =
            List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80);

    /**
     * What the owner of a transport hears from it. Packet callbacks for a transport run on one thread at a time, in
     * order: its lane's worker, or on a one-worker server the ICE receive thread when the lane was idle (see
     * {@link MediaWorkers}).
     */
    public interface Handler {
        void onConnected(MediaTransport transport);

        /** An authenticated, decrypted RTP packet; the handler owns the buffer. */
        void onRtp(MediaTransport transport, PacketBuffer packet);

        /** An authenticated, decrypted RTCP compound packet; the handler owns the buffer. */
        void onRtcp(MediaTransport transport, PacketBuffer packet);

        /**
         * The packets that were waiting for this transport's worker back to back have all been handed over: work a
         * handler held back for the run (a publisher's fan-out) must be done now.
         */
        default void onBatchEnd(MediaTransport transport) {
        }

        void onFailed(MediaTransport transport, String reason);
    }

    /**
     * Counters shared by every transport of one SFU: datagrams received, RTP sent, received packets that failed SRTP,
     * and received packets dropped for overload (lane full, or RTP that waited too long for its worker).
     */
    public record Counters(LongAdder received, LongAdder sent, LongAdder rejected, LongAdder overloadDrops) {
        public Counters() {
            this(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    /** How long the post-handshake DTLS reader sleeps when nothing arrives. */
    private static final int DTLS_WATCH_WAIT_MILLIS = 60_000;

    private final String name;
    private final IceSession ice;
    private final DtlsCertificate certificate;
    private final BufferPool pool;
    private final Executor handshakeExecutor;
    private final Handler handler;
    private final Counters counters;
    /**
     * The estimate of a transport whose owner probes (see {@link ProbeSender}) starts where libwebrtc's does, about
     * 1 Mbit/s, and the start-up probes (3x, 6x) and the allocation's probes take it up as far as the path carries.
     */
    public static final BandwidthEstimator.Settings PROBED_ESTIMATE =
            new BandwidthEstimator.Settings(1_000_000, 50_000, 20_000_000);
    /**
     * Without probes an increase never passes 1.5 times what the receiver acknowledges, so a low start could never
     * climb to a layer that is not already being sent: a transport whose owner cannot probe (no RTX to carry them)
     * starts high, delay and loss pull it down where the link is narrower, and its layer allocation only acts on an
     * estimate below what it forwards.
     */
    public static final BandwidthEstimator.Settings UNPROBED_ESTIMATE =
            new BandwidthEstimator.Settings(5_000_000, 50_000, 20_000_000);
    private final TransportWideCc transportCc;
    private final MediaWorkers.Lane lane;
    private final MediaWorkers.Task process = new MediaWorkers.Task() {
        @Override
        public void process(PacketBuffer packet) {
            MediaTransport.this.process(packet);
        }

        @Override
        public void endOfBatch() {
            handler.onBatchEnd(MediaTransport.this);
        }
    };
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    /** The SFU's extension id → the peer's, or null where the peer uses the SFU's own ids. */
    private volatile byte[] remoteExtensionIds;
    private volatile String remoteUfrag;
    private volatile Fingerprint remoteFingerprint;
    private volatile SrtpSession srtp;
    private volatile DTLSTransport dtls;

    public MediaTransport(String name, IceEndpoint endpoint, DtlsCertificate certificate, BufferPool pool,
                          Executor handshakeExecutor, MediaWorkers workers, Counters counters,
                          BandwidthEstimator.Settings estimate, Handler handler) {
        this.name = name;
        this.transportCc = new TransportWideCc(name, new BandwidthEstimator(estimate));
        this.certificate = certificate;
        this.pool = pool;
        this.handshakeExecutor = handshakeExecutor;
        this.counters = counters;
        this.lane = workers.assign();
        this.handler = handler;
        this.ice = endpoint.newSession(name, new IceSession.Listener() {
            @Override
            public void onConnected() {
                handshakeExecutor.execute(MediaTransport.this::handshake);
            }

            @Override
            public void onFailed(String reason) {
                fail("ICE: " + reason);
            }
        });
    }

    public String name() {
        return name;
    }

    /** Our ICE credentials, candidates and DTLS fingerprint, for the SDP we send. */
    public LocalTransport localParameters() {
        return new LocalTransport(ice.localUfrag(), ice.localPassword(), ice.localCandidates(),
                certificate.fingerprintSdpValue());
    }

    /**
     * Starts ICE towards the peer described by its SDP. Later calls with the same credentials (renegotiations) only
     * add candidates; different credentials (an ICE restart) are refused: the client makes a new PeerConnection.
     */
    public void connect(String ufrag, String password, String fingerprint, List<String> candidates)
            throws IllegalArgumentException {
        if (started.get()) {
            if (!ufrag.equals(remoteUfrag)) {
                throw new IllegalArgumentException("ICE restart is not supported on this PeerConnection;"
                        + " create a new one");
            }
        } else {
            remoteFingerprint = Fingerprint.parse(fingerprint);
            remoteUfrag = ufrag;
            ice.setRemoteCredentials(ufrag, password);
        }
        for (String candidate : candidates) {
            addRemoteCandidate(candidate);
        }
        if (started.compareAndSet(false, true)) {
            ice.start();
        }
    }

    /**
     * Whether an SDP with these ICE credentials belongs to the PeerConnection this transport serves: false for a new
     * PeerConnection or an ICE restart, which need a new transport.
     */
    public boolean servesRemoteUfrag(String ufrag) {
        return !started.get() || ufrag.equals(remoteUfrag);
    }

    /** A trickled candidate; ones we cannot use (mDNS, TCP, other networks) are ignored by the ICE layer. */
    public void addRemoteCandidate(String candidate) {
        if (candidate == null || candidate.isBlank()) {
            return;
        }
        try {
            ice.addRemoteCandidate(candidate);
        } catch (IllegalArgumentException e) {
            LOG.fine(() -> name + ": ignoring candidate: " + e.getMessage());
        }
    }

    /** True once DTLS completed and SRTP keys are in place. */
    @Override
    public boolean isReady() {
        return srtp != null && !closed.get();
    }

    private void handshake() {
        if (closed.get()) {
            return;
        }
        try {
            DtlsResult result = DtlsServer.accept(ice.dtlsTransport(), certificate, remoteFingerprint,
                    SRTP_PREFERENCE);
            dtls = result.transport();
            srtp = new SrtpSession(result.keys());
            LOG.info(() -> name + ": connected from " + ice.remoteAddress() + ", SRTP " + result.keys().profile());
            ice.startMediaReceiver(pool, this::onDatagram);
            handler.onConnected(this);
            watchDtls(result.transport());
        } catch (DtlsException e) {
            fail("DTLS: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + ": DTLS handshake error", e);
            fail("DTLS: " + e);
        }
    }

    /** Reads the DTLS channel after the handshake so a close_notify ends the session at once. */
    private void watchDtls(DTLSTransport transport) {
        byte[] buf = new byte[2048];
        while (!closed.get()) {
            try {
                // Returns at once for a record; the wait only bounds how long it sleeps otherwise. Closing the ICE
                // session wakes it, so it need not poll (with a 1 s wait, 400 viewers made 400 wake-ups and
                // buffers a second).
                transport.receive(buf, 0, buf.length, DTLS_WATCH_WAIT_MILLIS);
            } catch (IOException e) {
                if (!closed.get()) {
                    fail("DTLS closed by peer");
                }
                return;
            }
        }
    }

    /** On the ICE endpoint's receive thread: queue for this transport's worker (or run now if its lane is idle). */
    private void onDatagram(PacketBuffer packet) {
        if (srtp == null || !lane.offer(process, packet)) {
            if (srtp != null) {
                counters.overloadDrops().increment();
            }
            packet.release();
        }
    }

    /** On this transport's lane: its worker, or the receive thread running an idle lane's packet. */
    private void process(PacketBuffer packet) {
        SrtpSession session = srtp;
        if (session == null) {
            packet.release();
            return;
        }
        counters.received().increment();
        MuxedPacketType type = MuxedPacketType.of(packet.array(), packet.offset(), packet.length());
        // RTCP is never dropped for being late: it is small, and feedback (PLI, NACK) matters most under load.
        if (type == MuxedPacketType.RTP && lane.dropLateRtp(packet.receivedAtNanos(), System.nanoTime())) {
            counters.overloadDrops().increment();
            packet.release();
            return;
        }
        if (type == MuxedPacketType.RTCP) {
            if (session.unprotectRtcp(packet)) {
                handler.onRtcp(this, packet);
                return;
            }
        } else if (type == MuxedPacketType.RTP) {
            if (session.unprotectRtp(packet)) {
                handler.onRtp(this, packet);
                return;
            }
        }
        counters.rejected().increment();
        packet.release();
    }

    /** The estimate of what the path to the peer carries, from transport-cc feedback on what this transport sent. */
    public DownlinkEstimate downlinkEstimate() {
        return transportCc.estimate();
    }

    /** Transport-wide sequence numbering and the feedback it brings back. */
    public TransportWideCc transportCc() {
        return transportCc;
    }

    /**
     * For a peer that numbered the header extensions itself (a WHEP player's offer): every packet sent from now on
     * has its extension ids rewritten through this map (256 entries, the SFU's id → the peer's; an extension the
     * peer does not take maps to an id its answer left out; see {@link HeaderExtensions#remapIds}).
     */
    public void remoteExtensionIds(byte[] sfuToPeer) {
        remoteExtensionIds = sfuToPeer.clone();
    }

    /**
     * Encrypts and sends an RTP packet; takes ownership of the buffer. Dropped when not ready. Every packet gets this
     * transport's next transport-wide sequence number first.
     */
    @Override
    public void sendRtp(PacketBuffer packet) {
        sendProbe(packet, -1);
    }

    /** As {@link #sendRtp}, the packet counted in probe cluster {@code cluster} (-1: media). */
    @Override
    public void sendProbe(PacketBuffer packet, int cluster) {
        SrtpSession session = srtp;
        try {
            if (session != null) {
                transportCc.stamp(packet, System.nanoTime(), cluster);
                byte[] ids = remoteExtensionIds;
                if (ids != null) {
                    HeaderExtensions.remapIds(packet.array(), packet.offset(), packet.length(), ids);
                }
            }
            if (session != null && session.protectRtp(packet)) {
                ice.send(packet.array(), packet.offset(), packet.length());
                counters.sent().increment();
            }
        } catch (IOException e) {
            LOG.fine(() -> name + ": send failed: " + e.getMessage());
        } finally {
            packet.release();
        }
    }

    /** Encrypts and sends an RTCP compound packet; takes ownership of the buffer. Dropped when not ready. */
    @Override
    public void sendRtcp(PacketBuffer packet) {
        SrtpSession session = srtp;
        try {
            if (session != null && session.protectRtcp(packet)) {
                ice.send(packet.array(), packet.offset(), packet.length());
            }
        } catch (IOException e) {
            LOG.fine(() -> name + ": RTCP send failed: " + e.getMessage());
        } finally {
            packet.release();
        }
    }

    /** Only AES-CM: see {@link PacketSink#allowsPlainRetransmission()}. */
    @Override
    public boolean allowsPlainRetransmission() {
        SrtpSession session = srtp;
        return session != null && session.profile() == SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    }

    /** A buffer from the transport's pool, for building RTCP. */
    @Override
    public PacketBuffer takeBuffer() {
        return pool.take();
    }

    private void fail(String reason) {
        if (!closed.get() && failed.compareAndSet(false, true)) {
            LOG.info(() -> name + ": failed: " + reason);
            handler.onFailed(this, reason);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        DTLSTransport transport = dtls;
        if (transport != null) {
            try {
                transport.close();
            } catch (IOException | RuntimeException ignored) {
                // best effort: the peer learns from ICE consent anyway
            }
        }
        // Freeing an ice4j agent waits for its threads; nobody who closes a transport should wait for that.
        handshakeExecutor.execute(ice::close);
        // The SRTP session is not closed here: a forwarding thread may be inside protect() right now, and its
        // contexts hold no resources the GC cannot reclaim. Dropping the reference stops further use.
        srtp = null;
    }
}
