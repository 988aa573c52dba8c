package dev.vireo.signaling;

import dev.vireo.auth.RoomAccess;
import dev.vireo.signaling.messages.IceServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;

/**
 * The WebSocket endpoint of signaling protocol v1 (see {@code docs/signaling.md}): one {@link ClientSession} per
 * connection, rooms in a shared {@link RoomRegistry}, media through a {@link MediaPlane}.
 */
public final class SignalingServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SignalingServer.class.getName());
    private static final long START_TIMEOUT_SECONDS = 10;
    private static final int STOP_TIMEOUT_MILLIS = 2000;

    /**
     * What every session of this server shares.
     *
     * @param events   runs media-plane callbacks off the media plane's locks, and the resume-grace timers
     * @param awaiting sessions whose WebSocket closed while they were in a room, still holding their participant
     *                 for a resume; the server's shutdown must end them too
     * @param access   who may enter which room with which role
     * @param handlers runs each connection's messages (through its own {@link SerialExecutor}) off the WebSocket
     *                 library's few worker threads
     * @param removals who hosts removed from which room, kept out for a while
     * @param lobby    rooms' passwords and lobbies, and the guests waiting in them
     */
    record Context(RoomRegistry<ClientSession> registry, MediaPlane media, SignalingLimits limits,
                   IceServerSource iceServers, ScheduledExecutorService events, Set<ClientSession> awaiting,
                   RoomAccess access, ExecutorService handlers, Removals removals, Lobby lobby) {
    }

    private final Endpoint endpoint;
    private final Context context;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final AtomicLong connectionNumbers = new AtomicLong();

    private SignalingServer(InetSocketAddress address, Context context) {
        this.context = context;
        this.endpoint = new Endpoint(address, context.limits());
    }

    /**
     * Listens on {@code address} (port 0 picks a free port) and returns once it does.
     *
     * @param iceServers what {@code joined} tells clients to use besides the SFU itself
     * @param access     decides who enters which room, with which role
     * @throws IOException when the port cannot be bound
     */
    public static SignalingServer start(InetSocketAddress address, MediaPlane media, SignalingLimits limits,
                                        List<IceServer> iceServers, RoomAccess access) throws IOException {
        return start(address, media, limits, IceServerSource.fixed(iceServers), access);
    }

    /**
     * Listens on {@code address} (port 0 picks a free port) and returns once it does.
     *
     * @param iceServers asked at every join for what {@code joined} tells that client to use besides the SFU itself
     *                   (fresh TURN credentials)
     * @param access     decides who enters which room, with which role
     * @throws IOException when the port cannot be bound
     */
    public static SignalingServer start(InetSocketAddress address, MediaPlane media, SignalingLimits limits,
                                        IceServerSource iceServers, RoomAccess access) throws IOException {
        ScheduledThreadPoolExecutor events = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "vireo-signaling-events");
            thread.setDaemon(true);
            return thread;
        });
        // Grace timers still pending at shutdown belong to sessions that shutdown has already ended.
        events.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        events.setRemoveOnCancelPolicy(true);
        AtomicLong handlerNumbers = new AtomicLong();
        ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "vireo-signaling-" + handlerNumbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Context context = new Context(new RoomRegistry<>(ParticipantIds::next, ResumeTokens::next), media, limits,
                iceServers, events, ConcurrentHashMap.newKeySet(), access, handlers,
                new Removals(Removals.BAN, System::nanoTime), new Lobby());
        SignalingServer server = new SignalingServer(address, context);
        server.endpoint.start();
        try {
            server.started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            server.stopEndpoint();
            events.shutdownNow();
            handlers.shutdownNow();
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            server.stopEndpoint();
            events.shutdownNow();
            handlers.shutdownNow();
            throw new IOException("signaling server did not start in " + START_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stopEndpoint();
            events.shutdownNow();
            handlers.shutdownNow();
            throw new IOException("interrupted while starting the signaling server");
        }
        return server;
    }

    /** The TCP port it listens on. */
    public int port() {
        return endpoint.getPort();
    }

    /** Adds the password and lobby rules of one feature's rooms; those added earlier are asked first. */
    public void addEntryConditions(EntryConditions conditions) {
        context.lobby().add(conditions);
    }

    /**
     * Ends {@code room} for everyone (a deleted meeting: reason {@code room-closed}; a stopped stream:
     * {@code stream-ended}): each participant, viewers and guests waiting in its lobby included, hears {@code bye}
     * with {@code reason} and {@code message} (null for none), the others hear it left, and the connections close.
     */
    public void closeRoom(String room, String reason, String message) {
        for (ClientSession session : context.registry().sessions(room)) {
            session.inbox().execute(() -> session.closedByServer(reason, message));
        }
        for (Lobby.Knocker k : context.lobby().waitingFor(room)) {
            if (context.lobby().take(room, k.knockId()) != null) {
                k.session().inbox().execute(() -> k.session().closedByServer(reason, message));
            }
        }
    }

    /** Rooms with at least one participant, as signaling sees them. */
    public int roomCount() {
        return context.registry().roomCount();
    }

    /**
     * Ends the meeting in {@code room} for everyone in it (a host's {@code end-meeting}, or a scheduled meeting
     * deleted over REST): each client hears {@code bye} with reason {@code meeting-ended} and {@code message}.
     *
     * @return how many participants were in the room
     */
    public int endMeeting(String room, String message) {
        return HostControls.endMeeting(context, room, message);
    }

    /**
     * A client that speaks through calls instead of a WebSocket (a WHIP publisher): it joins, publishes and leaves
     * under the same rules, and the others see it as a participant.
     *
     * @param label how logs name it
     */
    public HeadlessClient headlessClient(String label) {
        return new HeadlessClient(label, connection -> new ClientSession(connection, context,
                new SerialExecutor(context.handlers())));
    }

    /** How many viewers of a broadcast (participants the others do not see) are in a room over signaling. */
    public int hiddenParticipants(String room) {
        return context.registry().invisibleCount(room);
    }

    /**
     * Says {@code bye} to every client, closes every connection, ends the stays kept for a resume and stops
     * listening.
     */
    @Override
    public void close() {
        List<ClientSession> sessions = new ArrayList<>(context.awaiting());
        for (WebSocket socket : endpoint.getConnections()) {
            ClientSession session = socket.getAttachment();
            if (session != null) {
                sessions.add(session);
            }
        }
        sessions.forEach(ClientSession::shutdown);
        stopEndpoint();
        context.events().shutdown();
        context.handlers().shutdown();
        try {
            context.events().awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopEndpoint() {
        try {
            endpoint.stop(STOP_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Java-WebSocket's server, forwarding each event to the connection's session. */
    private final class Endpoint extends WebSocketServer {
        Endpoint(InetSocketAddress address, SignalingLimits limits) {
            super(address, drafts(limits));
            setReuseAddr(true);
            setTcpNoDelay(true);
            setConnectionLostTimeout((int) limits.connectionLostTimeout().toSeconds());
        }

        @Override
        public void onStart() {
            started.complete(null);
        }

        @Override
        public void onOpen(WebSocket socket, ClientHandshake handshake) {
            long number = connectionNumbers.incrementAndGet();
            String label = "ws#" + number + " " + socket.getRemoteSocketAddress();
            socket.setAttachment(new ClientSession(new Connection(socket, label), context,
                    new SerialExecutor(context.handlers())));
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
            ClientSession session = socket.getAttachment();
            if (session != null) {
                session.inbox().execute(() -> session.onText(message));
            }
        }

        @Override
        public void onMessage(WebSocket socket, ByteBuffer message) {
            ClientSession session = socket.getAttachment();
            if (session != null) {
                session.inbox().execute(session::onBinary);
            }
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {
            ClientSession session = socket.getAttachment();
            if (session != null) {
                session.inbox().execute(session::onSocketClosed);
            }
        }

        @Override
        public void onError(WebSocket socket, Exception ex) {
            if (socket == null) {
                // Before start-up completes this is the bind failure; after, the library's own trouble.
                if (!started.completeExceptionally(ex)) {
                    LOG.log(Level.WARNING, "signaling server error", ex);
                }
            } else {
                ClientSession session = socket.getAttachment();
                LOG.log(Level.FINE, (session == null ? "ws" : session.label()) + ": " + ex, ex);
            }
        }
    }

    private static List<Draft> drafts(SignalingLimits limits) {
        List<IProtocol> anyProtocol = List.of(new Protocol(""));
        return List.of(new Draft_6455(Collections.emptyList(), anyProtocol, limits.libraryFrameLimit()));
    }

    /** A {@link ClientConnection} over one Java-WebSocket connection. */
    private record Connection(WebSocket socket, String label) implements ClientConnection {
        @Override
        public void send(String text) {
            try {
                socket.send(text);
            } catch (WebsocketNotConnectedException closedMeanwhile) {
                // The close event is on its way and will end the session.
            }
        }

        @Override
        public void close(int code, String reason) {
            socket.close(code, reason);
        }
    }
}
