package dev.vireo.ice;

import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bouncycastle.tls.DatagramTransport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.util.Buffer;
import org.jitsi.utils.logging2.LogContext;
import org.jitsi.utils.logging2.LoggerImpl;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;

/**
 * One peer's ICE transport: an ice4j {@link Agent} in the controlled role, served by its {@link IceEndpoint}'s shared
 * UDP port, with the datagram I/O that DTLS and SRTP sit on.
 *
 * <p>Datagrams from the peer are split by their first byte (RFC 7983 §7): STUN (0..3) stays inside ice4j,
 * DTLS (20..63) goes to {@link #dtlsTransport()}, RTP and RTCP (128..191) to the {@link MediaReceiver}; anything else
 * is dropped. The endpoint's one receive thread ({@link SharedPortReceiver}) hands every non-STUN datagram of every
 * session to {@link #receive}, so a session has no receive thread of its own and a packet changes threads at most
 * once more (in the receiver).
 *
 * <p>Liveness: the endpoint's watchdog fails a session that is not connected within the connect timeout of
 * {@link #start()}, or, once connected, hears nothing at all (media, RTCP, DTLS or the peer's STUN checks, which
 * browsers send every few seconds as consent checks) for the disconnect timeout.
 */
public final class IceSession implements AutoCloseable {
    /** Told how the session ends up; each method is called at most once, from an internal thread. */
    public interface Listener {
        /** ICE selected a pair: DTLS may start. */
        void onConnected();

        /** The session is dead (ICE failed, timed out, or the peer fell silent); close it. */
        void onFailed(String reason);
    }

    /** Takes RTP/RTCP datagrams; ownership of each buffer passes to the receiver. */
    public interface MediaReceiver {
        void onPacket(PacketBuffer packet);
    }

    /** Datagrams kept from before {@link #startMediaReceiver}: a key frame burst or two. */
    static final int EARLY_MEDIA_LIMIT = 256;

    private static final System.Logger LOG = System.getLogger(IceSession.class.getName());

    private final String name;
    private final IceEndpoint endpoint;
    private final Listener listener;
    private final Agent agent;
    private final IceMediaStream stream;
    private final Component component;
    private final IceDatagramTransport dtlsTransport;
    private final long connectTimeoutNanos;
    private final long disconnectTimeoutNanos;

    private final Object lock = new Object();
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean started;
    private boolean credentialsSet;
    /** Set once by {@link #startMediaReceiver}; read by the endpoint's receive thread. */
    private volatile MediaReceiver mediaReceiver;
    private volatile BufferPool mediaPool;
    /**
     * Media that arrived before {@link #startMediaReceiver} (guarded by {@code lock}): a browser sends its first RTP,
     * the start of its first key frame, the moment its DTLS handshake ends, which can be before our side of the
     * handshake has set up SRTP. Dropping it would cost a key frame round trip.
     */
    private final ArrayDeque<byte[]> earlyMedia = new ArrayDeque<>();
    /** System.nanoTime() of start(); 0 until then. */
    private volatile long startedAtNanos;
    /** System.nanoTime() when anything last arrived from the peer. */
    private volatile long lastHeardNanos;
    private volatile InetSocketAddress remoteAddress;
    private final List<CandidateAttribute> remoteCandidates = new CopyOnWriteArrayList<>();

    IceSession(IceEndpoint endpoint, String name, Listener listener, long connectTimeoutNanos,
               long disconnectTimeoutNanos) throws IOException {
        this.endpoint = endpoint;
        this.name = name;
        this.listener = listener;
        this.connectTimeoutNanos = connectTimeoutNanos;
        this.disconnectTimeoutNanos = disconnectTimeoutNanos;
        agent = new SessionAgent(name);
        try {
            agent.setControlling(false);
            // no ephemeral host candidates: every session lives on the endpoint's one port
            agent.setUseDynamicPorts(false);
            agent.addCandidateHarvester(endpoint.harvester());
            agent.addStateChangeListener(this::onStateChange);
            stream = agent.createMediaStream("bundle");
            component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, true);
            if (component.getLocalCandidateCount() == 0) {
                throw new IOException("the shared harvester gave session " + name + " no candidate");
            }
            dtlsTransport = new IceDatagramTransport(this);
            // set before any peer can reach us: DTLS records that arrive before the handshake starts are queued
            component.setBufferCallback(this::onIce4jDatagram);
        } catch (IOException | RuntimeException e) {
            agent.free();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public String localUfrag() {
        return agent.getLocalUfrag();
    }

    public String localPassword() {
        return agent.getLocalPassword();
    }

    /** SDP candidate attribute values: one host candidate, the advertised address on the shared port. */
    public List<String> localCandidates() {
        return endpoint.localCandidates();
    }

    /** The peer's ice-ufrag and ice-pwd from its SDP; needed before {@link #start()}. */
    public void setRemoteCredentials(String ufrag, String password) {
        if (ufrag == null || ufrag.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("remote ICE credentials must not be empty");
        }
        synchronized (lock) {
            stream.setRemoteUfrag(ufrag);
            stream.setRemotePassword(password);
            credentialsSet = true;
        }
    }

    /**
     * Checks a candidate from the peer's SDP or a trickled one, before or after {@link #start()}.
     *
     * <p>Ignored (returns false): transports other than UDP, components other than 1 (BUNDLE with rtcp-mux), mDNS
     * {@code .local} names and other host names (never resolved), addresses outside the allowed networks, and a blank
     * end-of-candidates marker.
     *
     * <p>An accepted candidate is remembered but deliberately not given to ice4j. On the one shared port the SFU can
     * only answer: ice4j has no socket towards an address that has not sent to us yet, so a check it starts towards a
     * signalled candidate fails at once, and five seconds later ice4j fails the whole check list, killing sessions
     * whose browser is slow to start checking. The browser always checks first (our candidate is the reachable one),
     * and ice4j learns its real address from that check as a peer-reflexive candidate.
     *
     * @return whether the candidate was acceptable
     * @throws IllegalArgumentException if the text is not a candidate attribute
     */
    public boolean addRemoteCandidate(String candidateAttribute) {
        if (candidateAttribute == null || candidateAttribute.isBlank()) {
            return false;
        }
        CandidateAttribute c = CandidateAttribute.parse(candidateAttribute);
        try {
            CandidateType.parse(c.type());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown candidate type '" + c.type() + "'");
        }
        if (!c.transport().equals("udp") || c.componentId() != 1 || c.port() == 0
                || c.address().toLowerCase(Locale.ROOT).endsWith(".local")) {
            return false;
        }
        InetAddress address = IpLiteral.toAddress(c.address());
        if (address == null || !endpoint.allowedNetworks().allows(address)) {
            return false;
        }
        remoteCandidates.add(c);
        return true;
    }

    /** The candidates {@link #addRemoteCandidate} accepted, in order. */
    public List<CandidateAttribute> remoteCandidates() {
        return List.copyOf(remoteCandidates);
    }

    /**
     * Starts ICE in the controlled role: from now on the peer's checks on the shared port are answered, and the first
     * one makes its address a peer-reflexive candidate. Starts the connect timeout.
     *
     * @throws IllegalStateException without remote credentials, or if closed
     */
    public void start() {
        synchronized (lock) {
            if (!credentialsSet) {
                throw new IllegalStateException("setRemoteCredentials before start");
            }
            if (closed.get()) {
                throw new IllegalStateException("session " + name + " is closed");
            }
            if (started) {
                return;
            }
            started = true;
            startedAtNanos = System.nanoTime();
        }
        agent.startConnectivityEstablishment();
    }

    /** DTLS over this session, for BouncyCastle's DTLS protocols; the same instance every call. */
    public DatagramTransport dtlsTransport() {
        return dtlsTransport;
    }

    /**
     * From now on each RTP/RTCP datagram is copied into a buffer from {@code pool} (window at
     * {@link PacketBuffer#HEADROOM}, arrival time set) and handed to {@code receiver}, which owns it from then on.
     * The receiver runs on the endpoint's shared receive thread, so it must be quick and must not block: every
     * session's traffic waits behind it. Up to {@link #EARLY_MEDIA_LIMIT} datagrams that arrived before this call are
     * handed over first, in order.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void startMediaReceiver(BufferPool pool, MediaReceiver receiver) {
        synchronized (lock) {
            if (closed.get()) {
                throw new IllegalStateException("session " + name + " is closed");
            }
            if (mediaReceiver != null) {
                throw new IllegalStateException("media receiver already started");
            }
            mediaPool = pool;
            for (byte[] early; (early = earlyMedia.poll()) != null; ) {
                PacketBuffer packet = pool.take().copyFrom(early, 0, early.length);
                packet.receivedAtNanos(System.nanoTime());
                receiver.onPacket(packet);
            }
            mediaReceiver = receiver;
        }
    }

    /**
     * Sends one datagram to the selected pair, from the shared port. Safe to call from many threads at once;
     * allocates nothing.
     *
     * @throws IOException before ICE has selected a pair, after close, or if the socket fails
     */
    public void send(byte[] buf, int off, int len) throws IOException {
        InetSocketAddress to = remoteAddress;
        if (to == null || closed.get()) {
            throw new IOException("ICE session " + name + (closed.get() ? " is closed" : " has no selected pair yet"));
        }
        endpoint.sender().send(buf, off, len, to);
    }

    public boolean isConnected() {
        return connected.get() && !failed.get() && !closed.get();
    }

    /** The peer's address on the selected pair; null before ICE connects. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** Frees the ice4j agent and its sockets and wakes a DTLS reader. Idempotent; never calls the listener. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        endpoint.forget(this);
        mediaReceiver = null;
        dtlsTransport.wakeReader();
        agent.free();
    }

    @Override
    public String toString() {
        return "IceSession[" + name + (isConnected() ? " -> " + remoteAddress : "") + "]";
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Something arrived from the peer. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** Called by the endpoint's watchdog thread. */
    void checkLiveness(long nowNanos) {
        long startedAt = startedAtNanos;
        if (startedAt == 0 || closed.get() || failed.get()) {
            return;
        }
        if (!connected.get()) {
            if (nowNanos - startedAt > connectTimeoutNanos) {
                fail("ICE did not connect within " + connectTimeoutNanos / 1_000_000 + " ms");
            }
            return;
        }
        followSelectedPair();
        long silentNanos = nowNanos - lastHeardNanos;
        if (silentNanos > disconnectTimeoutNanos) {
            fail("nothing received from the peer for " + silentNanos / 1_000_000 + " ms");
        }
    }

    private void onStateChange(PropertyChangeEvent event) {
        if (!(event.getNewValue() instanceof IceProcessingState state) || closed.get()) {
            return;
        }
        if (state == IceProcessingState.COMPLETED) {
            CandidatePair pair = component.getSelectedPair();
            if (pair == null) {
                fail("ICE completed without a selected pair");
                return;
            }
            followSelectedPair();
            heard();
            if (!failed.get() && connected.compareAndSet(false, true)) {
                callListener(true, null);
            }
        } else if (state == IceProcessingState.FAILED) {
            fail("ICE failed: no working candidate pair");
        } else if (state == IceProcessingState.TERMINATED && !connected.get()) {
            fail("ICE terminated before connecting");
        }
    }

    /** ice4j may move the selected pair after completion; sends follow it within a watchdog period. */
    private void followSelectedPair() {
        CandidatePair pair = component.getSelectedPair();
        if (pair != null) {
            InetSocketAddress address = pair.getRemoteCandidate().getTransportAddress();
            InetSocketAddress current = remoteAddress;
            if (current == null || !current.equals(address)) {
                // a plain copy: callers see no ice4j type, and the DatagramChannel gets a plain InetSocketAddress
                remoteAddress = new InetSocketAddress(address.getAddress(), address.getPort());
            }
        }
    }

    private void fail(String reason) {
        if (!closed.get() && failed.compareAndSet(false, true)) {
            callListener(false, reason);
        }
    }

    private void callListener(boolean connectedEvent, String reason) {
        try {
            if (connectedEvent) {
                listener.onConnected();
            } else {
                LOG.log(System.Logger.Level.INFO, "ICE session {0} failed: {1}", name, reason);
                listener.onFailed(reason);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ICE listener of " + name + " threw", e);
        }
    }

    /**
     * ice4j's push callback, for a datagram that reached ice4j's own harvester socket rather than the endpoint's
     * {@link SharedPortReceiver} (which is bound after it and so gets them all). Must never throw: an exception would
     * end ice4j's receive thread.
     */
    private void onIce4jDatagram(Buffer datagram) {
        try {
            receive(datagram.getBuffer(), datagram.getOffset(), datagram.getLength(), System.nanoTime());
        } finally {
            // ice4j's own pool: the buffer is ours to give back once handled
            org.ice4j.util.BufferPool.returnBuffer.invoke(datagram);
        }
    }

    /**
     * A datagram from this session's peer that is not STUN, on the endpoint's receive thread: DTLS to the
     * {@link #dtlsTransport()}, RTP/RTCP to the media receiver (or kept until it starts), the rest dropped. Never
     * throws: the receive thread serves every session.
     */
    void receive(byte[] data, int off, int len, long now) {
        try {
            if (closed.get() || len <= 0 || len > PacketBuffer.MAX_PACKET) {
                return;
            }
            lastHeardNanos = now;
            int first = data[off] & 0xFF;
            if (first >= 20 && first <= 63) {
                dtlsTransport.deliver(data, off, len);
                return;
            }
            if ((first & 0xC0) != 0x80) {
                return;
            }
            MediaReceiver receiver = mediaReceiver;
            if (receiver == null) {
                synchronized (lock) {
                    receiver = mediaReceiver;
                    if (receiver == null) {
                        if (earlyMedia.size() < EARLY_MEDIA_LIMIT) {
                            earlyMedia.add(Arrays.copyOfRange(data, off, off + len));
                        }
                        return;
                    }
                }
            }
            PacketBuffer packet = mediaPool.take().copyFrom(data, off, len);
            packet.receivedAtNanos(now);
            receiver.onPacket(packet);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "media receiver of " + name + " threw", e);
        }
    }

    /** Counts the peer's connectivity and consent checks as signs of life; ice4j consumes them internally. */
    private final class SessionAgent extends Agent {
        SessionAgent(String sessionName) {
            super(new LoggerImpl(IceSession.class.getName(), new LogContext(Map.of("ice", sessionName))));
        }

        @Override
        protected boolean incomingCheckReceived(TransportAddress remote, TransportAddress local, long priority,
                                                String remoteUfrag, String localUfrag, boolean useCandidate) {
            heard();
            return super.incomingCheckReceived(remote, local, priority, remoteUfrag, localUfrag, useCandidate);
        }
    }
}
