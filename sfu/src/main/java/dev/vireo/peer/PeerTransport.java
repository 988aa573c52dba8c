package dev.vireo.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

import org.bouncycastle.tls.DTLSTransport;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.dtls.DtlsCertificate;
import dev.vireo.dtls.DtlsClient;
import dev.vireo.dtls.DtlsException;
import dev.vireo.dtls.DtlsResult;
import dev.vireo.dtls.DtlsServer;
import dev.vireo.dtls.Fingerprint;
import dev.vireo.ice.CandidateAttribute;
import dev.vireo.rtp.MuxedPacketType;
import dev.vireo.srtp.SrtpProfile;
import dev.vireo.srtp.SrtpSession;
import dev.vireo.stun.StunException;
import dev.vireo.stun.StunMessage;

/**
 * The client side of one WebRTC transport without a browser: one UDP socket on 127.0.0.1, ICE (controlling with
 * aggressive nomination by default), DTLS-SRTP, then SRTP and SRTCP in both directions. It is what load clients use
 * in place of a PeerConnection, hundreds to a JVM: sockets are served by a shared {@link PeerReactor}, so a transport
 * costs no thread.
 *
 * <p>Life: {@link PeerReactor#newTransport} → signal {@link #localUfrag()}, {@link #localPassword()},
 * {@link #localCandidate()} and {@link #fingerprint()} to the peer → {@link #connect} with the peer's → the listener
 * hears {@link Listener#onConnected} once SRTP is ready, or {@link Listener#onFailed} → {@link #sendRtp} /
 * {@link #sendRtcp}, media arrives at the {@link MediaHandler} → {@link #close()}.
 *
 * <p>Network rule: only loopback candidates (IPv4 127.0.0.0/8, which the 127.0.0.1 socket can reach) are checked;
 * every other candidate is refused.
 */
public final class PeerTransport implements AutoCloseable {
    /** Where a transport is in its life. */
    public enum State { NEW, CHECKING, HANDSHAKING, CONNECTED, FAILED, CLOSED }

    /** Told once whether the transport connects, and once if it fails (even after connecting). */
    public interface Listener {
        /** SRTP is ready: media may flow. Called on a handshake thread. */
        default void onConnected(PeerTransport transport) {
        }

        /** ICE or DTLS failed, or consent expired. Called on the reactor or a handshake thread. */
        default void onFailed(PeerTransport transport, String reason) {
        }
    }

    /** Receives unprotected media on the reactor thread; owns each buffer it is given (release it when done). */
    public interface MediaHandler {
        void onRtp(PacketBuffer packet);

        void onRtcp(PacketBuffer packet);
    }

    /** SRTP profiles offered (as DTLS client) or accepted (as server), best first. */
    public static final List<SrtpProfile> DEFAULT_PROFILES =
            List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    /** How long ICE may take to find a working pair. */
    public static final Duration ICE_TIMEOUT = Duration.ofSeconds(10);
    /** Host candidate priority: type preference 126, local preference 65535, component 1. */
    static final long HOST_PRIORITY = CandidateAttribute.priority(126, 65535, 1);
    private static final int SOCKET_BUFFER = 1 << 20;
    /** Keys live on briefly after close, so that a send already past the state check never sees freed contexts. */
    private static final long SRTP_CLOSE_DELAY_NANOS = 500_000_000L;
    /**
     * Our ICE tiebreakers are near the top of the range, so a role conflict with a server that also thinks it is
     * controlling (Janus answering a publisher) nearly always leaves us controlling, with the fast aggressive
     * nomination; the low 16 bits are random so that two of our own transports still differ.
     */
    private static final long TIEBREAKER_HIGH = 0xFFFF_FFFF_FFFF_0000L;
    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(2048));
    private static final System.Logger LOG = System.getLogger(PeerTransport.class.getName());

    private final PeerReactor reactor;
    private final DtlsCertificate certificate;
    private final Listener listener;
    private final MediaHandler media;
    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final String ufrag;
    private final String password;
    private final IceChecker ice;
    private final DtlsChannel dtls;

    private final Object lock = new Object();
    private volatile State state = State.NEW;
    private volatile String failureReason;
    private volatile SrtpSession srtp;
    private volatile SrtpProfile profile;
    private DTLSTransport dtlsTransport;
    private volatile InetSocketAddress remote;
    private SelectionKey key;
    private long connectStartedNanos;
    private volatile long connectNanos = -1;
    private volatile Runnable handshakeTask;

    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder sendDrops = new LongAdder();
    private final LongAdder protectFailures = new LongAdder();
    // written by the reactor thread only
    private volatile long packetsReceived;
    private volatile long bytesReceived;
    private volatile long stunRejected;

    PeerTransport(PeerReactor reactor, DtlsCertificate certificate, Listener listener, MediaHandler media)
            throws IOException {
        this.reactor = reactor;
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.listener = listener != null ? listener : new Listener() { };
        this.media = media;
        this.ufrag = RemoteCandidates.randomIceChars(8);
        this.password = RemoteCandidates.randomIceChars(24);
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            ch.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
            ch.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        this.channel = ch;
        this.localAddress = (InetSocketAddress) ch.getLocalAddress();
        this.dtls = new DtlsChannel(ch);
        long tiebreaker = TIEBREAKER_HIGH | (RemoteCandidates.RANDOM.nextInt() & 0xFFFF);
        this.ice = new IceChecker(ch, new IceEvents(), ufrag, password, tiebreaker,
                ICE_TIMEOUT.toNanos());
    }

    public String localUfrag() { return ufrag; }

    public String localPassword() { return password; }

    /** Our one host candidate, as an SDP attribute value: {@code candidate:1 1 udp 2130706431 127.0.0.1 PORT typ host}. */
    public String localCandidate() {
        return "candidate:1 1 udp " + HOST_PRIORITY + " " + localAddress.getAddress().getHostAddress() + " "
                + localAddress.getPort() + " typ host";
    }

    /** The value of our {@code a=fingerprint} attribute: {@code sha-256 AB:CD:...}. */
    public String fingerprint() { return certificate.fingerprintSdpValue(); }

    public InetSocketAddress localAddress() { return localAddress; }

    /** The peer's address on the selected pair; null until ICE selects one. */
    public InetSocketAddress remoteAddress() { return remote; }

    public State state() { return state; }

    /** Why the transport failed; null unless {@link State#FAILED}. */
    public String failureReason() { return failureReason; }

    /** The negotiated SRTP profile; null before {@link State#CONNECTED}. */
    public SrtpProfile srtpProfile() { return profile; }

    /** Whether ICE ended up controlling (a role conflict can switch it). Reactor-thread state, read racily. */
    public boolean iceControlling() { return ice.isControlling(); }

    /** Nanoseconds from {@link #connect} to SRTP ready; -1 until connected. */
    public long connectNanos() { return connectNanos; }

    /** Connects as ICE controlling, offering or accepting {@link #DEFAULT_PROFILES}; see the full form. */
    public int connect(String remoteUfrag, String remotePassword, List<String> remoteCandidates,
                       String remoteFingerprint, boolean dtlsClient) {
        return connect(remoteUfrag, remotePassword, remoteCandidates, remoteFingerprint, dtlsClient, true,
                DEFAULT_PROFILES);
    }

    /**
     * Starts ICE towards the peer, then DTLS on the selected pair. Returns at once; the listener hears the outcome.
     *
     * @param remoteCandidates  {@code a=candidate} values (with or without {@code candidate:}); non-loopback,
     *                          non-UDP and unparsable ones are skipped. May be empty: the peer's checks then reveal
     *                          its address (peer-reflexive)
     * @param remoteFingerprint the peer's {@code a=fingerprint} value, e.g. {@code sha-256 AB:...}
     * @param dtlsClient        true to start the handshake ({@code a=setup:active}), false to wait for it (passive)
     * @param iceControlling    true (the usual choice for a client) nominates aggressively; false waits for the peer
     * @param profiles          SRTP profiles, best first
     * @return how many candidates will be checked
     * @throws IllegalStateException if connect was called before or the transport is closed
     * @throws IllegalArgumentException on missing credentials or a malformed fingerprint
     */
    public int connect(String remoteUfrag, String remotePassword, List<String> remoteCandidates,
                       String remoteFingerprint, boolean dtlsClient, boolean iceControlling,
                       List<SrtpProfile> profiles) {
        if (remoteUfrag == null || remoteUfrag.isEmpty() || remotePassword == null || remotePassword.isEmpty()) {
            throw new IllegalArgumentException("remote ICE credentials are required");
        }
        Fingerprint expected = Fingerprint.parse(remoteFingerprint);
        List<SrtpProfile> offered = List.copyOf(profiles);
        List<InetSocketAddress> usable = new ArrayList<>();
        for (String candidate : remoteCandidates) {
            InetSocketAddress address = RemoteCandidates.usable(candidate);
            if (address != null && !usable.contains(address)) {
                usable.add(address);
            }
        }
        if (!reactorAlive()) {
            throw new IllegalStateException("reactor closed");
        }
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("connect called in state " + state);
            }
            state = State.CHECKING;
            connectStartedNanos = System.nanoTime();
        }
        handshakeTask = () -> runHandshake(expected, dtlsClient, offered);
        reactor.execute(() -> {
            if (state == State.CHECKING) {
                ice.start(remoteUfrag, remotePassword, usable, iceControlling, System.nanoTime());
            }
        });
        return usable.size();
    }

    /** A trickled candidate. @return whether it is usable (and will be checked) */
    public boolean addRemoteCandidate(String candidate) {
        InetSocketAddress address = RemoteCandidates.usable(candidate);
        if (address == null) {
            return false;
        }
        reactor.execute(() -> ice.addCandidate(address, System.nanoTime()));
        return true;
    }

    /**
     * Protects and sends one RTP packet, then releases the buffer (which needs the pool's tailroom). Safe from any
     * thread, concurrently for different SSRCs; never blocks: when the socket buffer is full the packet is dropped
     * and counted.
     *
     * @return whether the packet went out
     */
    public boolean sendRtp(PacketBuffer packet) {
        return send(packet, true);
    }

    /** Like {@link #sendRtp}, for an RTCP compound packet. */
    public boolean sendRtcp(PacketBuffer packet) {
        return send(packet, false);
    }

    private boolean send(PacketBuffer packet, boolean rtp) {
        try {
            SrtpSession session = srtp;
            if (session == null || state != State.CONNECTED) {
                sendDrops.increment();
                return false;
            }
            if (!(rtp ? session.protectRtp(packet) : session.protectRtcp(packet))) {
                protectFailures.increment();
                return false;
            }
            ByteBuffer staging = STAGING.get();
            staging.clear();
            staging.put(packet.array(), packet.offset(), packet.length()).flip();
            int n = channel.send(staging, remote);
            if (n == 0) {
                sendDrops.increment();
                return false;
            }
            packetsSent.increment();
            bytesSent.add(n);
            return true;
        } catch (IOException e) {
            sendDrops.increment(); // closed, or an ICMP error from a peer that went away
            return false;
        } finally {
            packet.release();
        }
    }

    public long packetsSent() { return packetsSent.sum(); }

    public long bytesSent() { return bytesSent.sum(); }

    /** Packets not sent: before connecting, after closing, socket buffer full or socket error. */
    public long sendDrops() { return sendDrops.sum(); }

    /** Packets SRTP refused to protect (e.g. a sequence number sent twice on one SSRC). */
    public long protectFailures() { return protectFailures.sum(); }

    /** SRTP and SRTCP datagrams received (before authentication), and their bytes on the wire. */
    public long packetsReceived() { return packetsReceived; }

    public long bytesReceived() { return bytesReceived; }

    /** Received packets whose SRTP/SRTCP tag did not verify. */
    public long srtpAuthFailures() {
        SrtpSession session = srtp;
        return session == null ? 0 : session.authFailures();
    }

    /** All received media packets SRTP refused: auth failures, replays, malformed. */
    public long srtpRejected() {
        SrtpSession session = srtp;
        return session == null ? 0 : session.rejected();
    }

    /** STUN datagrams that did not parse or failed their fingerprint. */
    public long stunRejected() { return stunRejected; }

    /** Stops everything and frees the socket. Idempotent; the listener is not called. */
    @Override
    public void close() {
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        release();
    }

    @Override
    public String toString() {
        return "PeerTransport[" + localAddress.getPort() + " " + state + (remote != null ? " -> " + remote : "") + "]";
    }

    private boolean reactorAlive() {
        return !reactor.isClosed();
    }

    boolean isClosed() { return state == State.CLOSED; }

    DatagramChannel channel() { return channel; }

    /** Reactor thread. */
    void registered(SelectionKey selectionKey) {
        this.key = selectionKey;
    }

    /** Reactor thread. */
    void tick(long now) {
        State s = state;
        if (s == State.CHECKING || s == State.HANDSHAKING || s == State.CONNECTED) {
            ice.tick(now);
        }
    }

    /** Reactor thread: reads what is waiting, at most {@code batch} datagrams. */
    void readReady(BufferPool pool, ByteBuffer in, int batch) {
        for (int i = 0; i < batch; i++) {
            in.clear();
            InetSocketAddress from;
            try {
                // the JDK hands back its cached address object while the source stays the same: no allocation
                SocketAddress source = channel.receive(in);
                if (source == null) {
                    return;
                }
                from = (InetSocketAddress) source;
            } catch (PortUnreachableException e) {
                continue; // an ICMP error for an earlier send
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                fail("socket failed: " + e);
                return;
            }
            in.flip();
            int length = in.remaining();
            if (length == 0 || length > PacketBuffer.MAX_PACKET) {
                continue;
            }
            PacketBuffer packet = pool.take();
            in.get(packet.array(), PacketBuffer.HEADROOM, length);
            packet.setRange(PacketBuffer.HEADROOM, length);
            dispatch(packet, from);
        }
    }

    private void dispatch(PacketBuffer packet, InetSocketAddress from) {
        byte[] buf = packet.array();
        int off = packet.offset();
        int len = packet.length();
        switch (MuxedPacketType.of(buf, off, len)) {
            case STUN -> {
                try {
                    ice.onStun(StunMessage.parse(buf, off, len), from, System.nanoTime());
                } catch (StunException e) {
                    stunRejected++;
                }
                packet.release();
            }
            case DTLS -> {
                if (!fromSelected(from)) {
                    packet.release();
                    return;
                }
                dtls.offer(buf, off, len);
                packet.release();
            }
            case RTP, RTCP -> {
                if (fromSelected(from)) {
                    receiveMedia(packet, MuxedPacketType.of(buf, off, len) == MuxedPacketType.RTP);
                } else {
                    packet.release();
                }
            }
            default -> packet.release();
        }
    }

    /** Before selection, DTLS may come from any candidate (it is queued); after, only from the selected one. */
    private boolean fromSelected(InetSocketAddress from) {
        InetSocketAddress selected = remote;
        return selected == null || selected == from || selected.equals(from);
    }

    private void receiveMedia(PacketBuffer packet, boolean rtp) {
        packetsReceived++;
        bytesReceived += packet.length();
        SrtpSession session = srtp;
        if (session == null || media == null || state != State.CONNECTED) {
            packet.release();
            return;
        }
        packet.receivedAtNanos(System.nanoTime());
        if (rtp ? !session.unprotectRtp(packet) : !session.unprotectRtcp(packet)) {
            packet.release();
            return;
        }
        try {
            if (rtp) {
                media.onRtp(packet);
            } else {
                media.onRtcp(packet);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "media handler of " + this + " threw", e);
        }
    }

    /** Reactor thread, from ICE. */
    private void onSelected(InetSocketAddress address) {
        synchronized (lock) {
            if (state != State.CHECKING) {
                return;
            }
            state = State.HANDSHAKING;
        }
        // The socket is never connect()ed: the JDK's connect discards whatever datagrams wait in the socket, which
        // would be the peer's first DTLS flight, sent the moment its side of the pair worked (a 1 s retransmission).
        remote = address;
        dtls.remote(address);
        reactor.handshake(handshakeTask);
    }

    /** Handshake thread. */
    private void runHandshake(Fingerprint expected, boolean client, List<SrtpProfile> profiles) {
        DtlsResult result;
        try {
            result = client ? DtlsClient.connect(dtls, certificate, expected, profiles)
                    : DtlsServer.accept(dtls, certificate, expected, profiles);
        } catch (DtlsException | RuntimeException e) {
            fail("DTLS " + (client ? "client" : "server") + " handshake failed: " + e.getMessage());
            return;
        }
        dtls.handshakeOver();
        SrtpSession session = new SrtpSession(result.keys());
        synchronized (lock) {
            if (state != State.HANDSHAKING) {
                session.close();
                return;
            }
            dtlsTransport = result.transport();
            profile = result.keys().profile();
            srtp = session;
            connectNanos = System.nanoTime() - connectStartedNanos;
            state = State.CONNECTED;
        }
        try {
            listener.onConnected(this);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "listener of " + this + " threw", e);
        }
    }

    void fail(String reason) {
        synchronized (lock) {
            if (state == State.CLOSED || state == State.FAILED) {
                return;
            }
            failureReason = reason;
            state = State.FAILED;
        }
        release();
        try {
            listener.onFailed(this, reason);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "listener of " + this + " threw", e);
        }
    }

    /** Frees socket, DTLS and (a little later) SRTP keys, on the reactor thread. */
    private void release() {
        dtls.close();
        Runnable releaseOnReactor = () -> {
            ice.stop();
            if (key != null) {
                key.cancel();
            }
            reactor.forget(this);
            DTLSTransport association;
            synchronized (lock) {
                association = dtlsTransport;
                dtlsTransport = null;
            }
            if (association != null) {
                try {
                    association.close(); // close_notify, so the peer frees its side at once
                } catch (IOException e) {
                    // the peer will time out instead
                }
            }
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do
            }
            SrtpSession session = srtp;
            if (session != null) {
                reactor.schedule(session::close, SRTP_CLOSE_DELAY_NANOS);
            }
        };
        if (reactor.inReactorThread()) {
            releaseOnReactor.run();
        } else {
            reactor.execute(releaseOnReactor);
        }
    }

    private final class IceEvents implements IceChecker.Events {
        @Override
        public void onSelected(InetSocketAddress address) {
            PeerTransport.this.onSelected(address);
        }

        @Override
        public void onFailed(String reason) {
            fail(reason);
        }
    }
}
