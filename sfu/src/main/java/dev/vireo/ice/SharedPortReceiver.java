package dev.vireo.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.vireo.stun.StunException;
import dev.vireo.stun.StunMessage;
import dev.vireo.stun.StunMessageType;

/**
 * The shared ICE port's one receive loop: every datagram for every session is read here, and each goes straight to
 * its session or, if it is STUN, to ice4j.
 *
 * <p>The channel is bound with SO_REUSEADDR <em>after</em> ice4j's harvester socket, and Linux hands an incoming
 * unicast datagram to the most recently bound of equally specific sockets, so ice4j's own receive thread never gets
 * one. ice4j's per-datagram path cost more than forwarding to a handful of viewers: a {@code DatagramSocket} adaptor,
 * an {@code Instant} and an {@code InetSocketAddress} allocated per packet, a pooled buffer, a map lookup and a
 * callback, all in one long loop method that the JIT left interpreted for minutes at a few hundred packets a second.
 * Here the JDK reuses the sender's address object while the sender stays the same, the route of the last sender is
 * remembered, and the loop body is a method of its own that compiles within seconds.
 *
 * <p>Routing (RFC 7983 §7 for the first byte): a datagram from a known source goes to its {@link IceSession}, or, if
 * it is STUN, to the ice4j socket of that source, which answers checks and runs consent. A source becomes known
 * through a STUN binding request whose USERNAME names a session's local ufrag and which the harvester accepts (it
 * refuses sources outside the allowed networks): exactly the rule ice4j applied itself. Anything else from an
 * unknown source is dropped.
 */
final class SharedPortReceiver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SharedPortReceiver.class.getName());

    /** Where one remote address's datagrams go. */
    private record Route(IceSession session, StunSink stun) {
    }

    /** ice4j's socket for one remote address, seen as a place to put STUN datagrams. */
    interface StunSink {
        /** Takes a copy of one STUN datagram. */
        void deliver(byte[] data, int off, int len, InetSocketAddress from);

        /** Whether ice4j closed it (its session ended, or ice4j dropped the pair): the source must be accepted anew. */
        boolean isClosed();
    }

    /** Makes a source known: the harvester's acceptance and the session the ufrag names. */
    interface Acceptor {
        /**
         * ice4j's socket for {@code from} in the session with local ufrag {@code ufrag}, given the binding request
         * that names it; null if refused.
         */
        StunSink accept(byte[] request, int off, int len, InetSocketAddress from, String ufrag);

        /** The open session whose local ufrag is {@code ufrag}; null if none. */
        IceSession session(String ufrag);
    }

    private final DatagramChannel channel;
    private final Acceptor acceptor;
    private final Map<InetSocketAddress, Route> routes = new ConcurrentHashMap<>();
    private final Thread thread;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(2048);
    private final byte[] datagram = new byte[2048];
    /** The last sender and its route: the JDK hands back the same address object while the sender stays the same. */
    private InetSocketAddress lastFrom;
    private Route lastRoute;
    private volatile boolean closed;

    /**
     * Binds to {@code bind} (SO_REUSEADDR, after every other socket on the port) and starts the receive thread.
     *
     * @param receiveBufferBytes SO_RCVBUF asked of the kernel, which caps it at {@code net.core.rmem_max}
     */
    SharedPortReceiver(InetSocketAddress bind, int receiveBufferBytes, Acceptor acceptor) throws IOException {
        this.acceptor = acceptor;
        channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            channel.bind(bind);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        thread = new Thread(this::run, "vireo-ice-receive-" + bind.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops routing to {@code session}: its sources must be accepted anew (by another session) to be heard. */
    void forget(IceSession session) {
        routes.values().removeIf(route -> route.session() == session);
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close(); // ends a blocked receive
        } catch (IOException ignored) {
            // closing: nothing left to do with it
        }
    }

    private void run() {
        while (!closed) {
            try {
                receiveOne();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "datagram on the shared ICE port not handled", e);
                }
            }
        }
    }

    /** One datagram, start to end; a method of its own so the JIT compiles it by invocation count. */
    private void receiveOne() throws IOException {
        ByteBuffer buffer = receiveBuffer;
        buffer.clear();
        InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
        long now = System.nanoTime();
        int len = buffer.position();
        if (from == null || len == 0) {
            return;
        }
        buffer.flip();
        buffer.get(datagram, 0, len);
        route(datagram, len, from, now);
    }

    /** STUN (the ICE checks and consent, which ice4j counts as signs of life) goes to ice4j, the rest to the session. */
    private void route(byte[] data, int len, InetSocketAddress from, long now) {
        Route route;
        if (from == lastFrom) {
            route = lastRoute;
        } else {
            route = routes.get(from);
            lastFrom = from;
            lastRoute = route;
        }
        boolean stun = (data[0] & 0xFF) < 4;
        if (route != null && route.session().isClosed()) {
            routes.remove(from, route);
            route = null;
            lastRoute = null;
        }
        if (!stun) {
            if (route != null) {
                route.session().receive(data, 0, len, now);
            }
            return;
        }
        if (route == null || route.stun().isClosed()) {
            route = accept(data, len, from);
            lastRoute = route;
            if (route == null) {
                return;
            }
        }
        route.stun().deliver(data, 0, len, from);
    }

    /** A binding request naming an open session's ufrag, from a source the harvester accepts: a new route. */
    private Route accept(byte[] data, int len, InetSocketAddress from) {
        String ufrag = requestedUfrag(data, 0, len);
        if (ufrag == null) {
            return null;
        }
        IceSession session = acceptor.session(ufrag);
        if (session == null) {
            return null;
        }
        StunSink sink = acceptor.accept(data, 0, len, from, ufrag);
        if (sink == null) {
            return null;
        }
        Route route = new Route(session, sink);
        routes.put(from, route);
        if (session.isClosed()) { // closed while we accepted: forget() may have run before the put
            routes.remove(from, route);
            return null;
        }
        return route;
    }

    /**
     * The local ufrag a STUN binding request asks for: the part of its USERNAME before the colon (RFC 8445 §7.2.2,
     * "our ufrag:their ufrag"); null for anything else, malformed or not a request.
     */
    static String requestedUfrag(byte[] data, int off, int len) {
        if (!StunMessage.looksLikeStun(data, off, len)) {
            return null;
        }
        StunMessage message;
        try {
            message = StunMessage.parse(data, off, len);
        } catch (StunException e) {
            return null;
        }
        String username = message.type() == StunMessageType.BINDING_REQUEST ? message.username() : null;
        if (username == null) {
            return null;
        }
        int colon = username.indexOf(':');
        return colon <= 0 ? null : username.substring(0, colon);
    }
}
