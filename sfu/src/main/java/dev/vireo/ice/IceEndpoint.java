package dev.vireo.ice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;

/**
 * The SFU's one UDP port for ICE: every {@link IceSession} is served by one receive loop ({@link SharedPortReceiver})
 * and one ice4j harvester for STUN, which tell sessions apart by the ufrag in the first STUN check from each remote
 * address and by source address afterwards.
 *
 * <p>Also owns the single watchdog thread that fails sessions which do not connect or fall silent, so the number of
 * threads does not grow with idle sessions.
 */
public final class IceEndpoint implements AutoCloseable {
    /** Connect and disconnect timeout when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Host candidate priority: type preference 126 (host), local preference 65535, component 1. */
    private static final long HOST_PRIORITY = CandidateAttribute.priority(126, 65535, 1);

    static {
        Ice4jSettings.apply();
    }

    private final SharedPortSender sender;
    private final FilteringUdpHarvester harvester;
    private final SharedPortReceiver receiver;
    private final int port;
    private final InetAddress advertisedAddress;
    private final AllowedNetworks allowedNetworks;
    private final long connectTimeoutNanos;
    private final long disconnectTimeoutNanos;
    private final List<String> localCandidates;
    private final Set<IceSession> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, IceSession> sessionsByUfrag = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    private volatile boolean closed;

    /** An endpoint with the {@link #DEFAULT_TIMEOUT} for connecting and for silence. */
    public IceEndpoint(InetSocketAddress bind, InetAddress advertisedAddress, List<String> allowedNetworks)
            throws IOException {
        this(bind, advertisedAddress, allowedNetworks, DEFAULT_TIMEOUT);
    }

    /** An endpoint whose sessions fail after {@code timeout} without connecting, or without hearing the peer. */
    public IceEndpoint(InetSocketAddress bind, InetAddress advertisedAddress, List<String> allowedNetworks,
                       Duration timeout) throws IOException {
        this(bind, advertisedAddress, allowedNetworks, timeout, timeout);
    }

    /**
     * @param bind               address and port of the shared UDP socket (bound with SO_REUSEADDR, as ice4j does);
     *                           port 0 picks a free port
     * @param advertisedAddress  address put in candidates; null means the bind address (which must then not be the
     *                           wildcard)
     * @param allowedNetworks    CIDR blocks peers may send from; empty allows all
     * @param connectTimeout     how long after {@link IceSession#start()} ICE may take to connect
     * @param disconnectTimeout  how long a connected session may hear nothing from its peer
     * @throws IOException if the port cannot be bound
     * @throws IllegalArgumentException on a bad CIDR, a wildcard bind without advertised address, or a timeout ≤ 0
     */
    public IceEndpoint(InetSocketAddress bind, InetAddress advertisedAddress, List<String> allowedNetworks,
                       Duration connectTimeout, Duration disconnectTimeout) throws IOException {
        Objects.requireNonNull(bind, "bind");
        if (bind.isUnresolved()) {
            throw new IllegalArgumentException("bind address is unresolved: " + bind);
        }
        if (advertisedAddress == null) {
            if (bind.getAddress().isAnyLocalAddress()) {
                throw new IllegalArgumentException("a wildcard bind address needs an advertised address");
            }
            advertisedAddress = bind.getAddress();
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || disconnectTimeout.isNegative()
                || disconnectTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        this.allowedNetworks = AllowedNetworks.parse(allowedNetworks);
        this.advertisedAddress = advertisedAddress;
        this.connectTimeoutNanos = connectTimeout.toNanos();
        this.disconnectTimeoutNanos = disconnectTimeout.toNanos();
        // the senders bind first and the receiver last: Linux gives a datagram to the socket bound last, so the
        // receiver gets them all and ice4j's harvester socket (in between) none
        this.sender = new SharedPortSender(bind, Runtime.getRuntime().availableProcessors());
        FilteringUdpHarvester stun = null;
        try {
            stun = new FilteringUdpHarvester(
                    new TransportAddress(bind.getAddress(), sender.port(), Transport.UDP), this.allowedNetworks);
            this.harvester = stun;
            this.receiver = new SharedPortReceiver(new InetSocketAddress(bind.getAddress(), sender.port()),
                    Ice4jSettings.receiveBufferBytes(), new SharedPortReceiver.Acceptor() {
                        @Override
                        public SharedPortReceiver.StunSink accept(byte[] request, int off, int len,
                                                                  InetSocketAddress from, String ufrag) {
                            return harvester.acceptSource(request, off, len, from, ufrag);
                        }

                        @Override
                        public IceSession session(String ufrag) {
                            return sessionsByUfrag.get(ufrag);
                        }
                    });
        } catch (IOException | RuntimeException e) {
            if (stun != null) {
                stun.close();
            }
            sender.close();
            throw e;
        }
        this.port = sender.port();
        this.localCandidates = List.of(new CandidateAttribute("1", 1, "udp", HOST_PRIORITY,
                literal(advertisedAddress), port, "host", null, -1).toAttributeValue());

        long shortest = Math.min(connectTimeoutNanos, disconnectTimeoutNanos);
        long periodMillis = Math.max(20, Math.min(500, shortest / 5_000_000));
        watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "vireo-ice-watchdog-" + port);
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::checkSessions, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** The bound UDP port, shared by every session. */
    public int port() {
        return port;
    }

    public InetAddress advertisedAddress() {
        return advertisedAddress;
    }

    public AllowedNetworks allowedNetworks() {
        return allowedNetworks;
    }

    /** Datagrams from new sources outside the allowed networks that were dropped before reaching ICE. */
    public long refusedDatagrams() {
        return harvester.refused();
    }

    /** Sessions made and not yet closed. */
    public int sessionCount() {
        return sessions.size();
    }

    /**
     * A new session on the shared port, with fresh local credentials. Its timers start at {@link IceSession#start()}.
     *
     * @param name     for logs and thread names
     * @param listener told once whether the session connects or fails
     * @throws IllegalStateException if this endpoint is closed
     * @throws UncheckedIOException if ice4j cannot set up the session's sockets
     */
    public IceSession newSession(String name, IceSession.Listener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("ICE endpoint is closed");
        }
        IceSession session;
        try {
            session = new IceSession(this, name, listener, connectTimeoutNanos, disconnectTimeoutNanos);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create ICE session " + name, e);
        }
        sessions.add(session);
        sessionsByUfrag.put(session.localUfrag(), session);
        if (closed) { // lost a race with close(): do not leak the agent
            session.close();
            throw new IllegalStateException("ICE endpoint is closed");
        }
        return session;
    }

    /** Closes every session, the watchdog and the shared port. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watchdog.shutdownNow();
        for (IceSession session : new ArrayList<>(sessions)) {
            session.close();
        }
        receiver.close();
        harvester.close();
        sender.close();
    }

    SharedPortSender sender() {
        return sender;
    }

    FilteringUdpHarvester harvester() {
        return harvester;
    }

    List<String> localCandidates() {
        return localCandidates;
    }

    void forget(IceSession session) {
        sessions.remove(session);
        sessionsByUfrag.remove(session.localUfrag(), session);
        receiver.forget(session);
    }

    private void checkSessions() {
        long now = System.nanoTime();
        for (IceSession session : sessions) {
            try {
                session.checkLiveness(now);
            } catch (RuntimeException e) {
                System.getLogger(IceEndpoint.class.getName())
                        .log(System.Logger.Level.WARNING, "watchdog failed on " + session, e);
            }
        }
    }

    private static String literal(InetAddress address) {
        String text = address.getHostAddress();
        int zone = text.indexOf('%');
        return zone < 0 ? text : text.substring(0, zone);
    }
}
