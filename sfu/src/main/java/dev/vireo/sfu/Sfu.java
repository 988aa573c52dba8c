package dev.vireo.sfu;

import dev.vireo.buffer.BufferPool;
import dev.vireo.dtls.DtlsCertificate;
import dev.vireo.ice.IceEndpoint;
import dev.vireo.sdp.SdpException;
import dev.vireo.sdp.ViewerOffer;
import dev.vireo.sfu.transport.MediaTransport;
import dev.vireo.sfu.transport.MediaWorkers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.logging.Logger;

/** The media plane of one node: the shared media port and the rooms forwarding through it. */
public final class Sfu implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Sfu.class.getName());
    private static final int POOLED_BUFFERS = 4096;

    private final SfuConfig config;
    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private volatile SfuContext context;

    public Sfu(SfuConfig config) {
        this.config = config;
    }

    /** Binds the media port and generates this run's DTLS certificate. */
    public synchronized void start() throws IOException {
        if (context != null) {
            return;
        }
        // Key generation and ice4j's start-up each load a large library: do them side by side, and warm up SRTP and
        // DTLS before anyone joins (left to the first joiners, that cost them seconds; see StartupWarmUp).
        CompletableFuture<DtlsCertificate> certificateFuture = CompletableFuture.supplyAsync(DtlsCertificate::generate);
        CompletableFuture<Void> warmUp = certificateFuture.thenAcceptAsync(StartupWarmUp::run);
        IceEndpoint endpoint = new IceEndpoint(new InetSocketAddress(config.bindAddress(), config.mediaPort()),
                config.publicAddress(), config.allowedNetworks(), config.disconnectTimeout());
        DtlsCertificate certificate;
        try {
            StartupWarmUp.iceSession(endpoint);
            certificate = certificateFuture.join();
            warmUp.join();
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
        ExecutorService handshakes = Executors.newCachedThreadPool(daemon("vireo-dtls"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("vireo-rtcp-timer"));
        // Probe clusters get a thread of their own: the periodic tasks wait for room and participant locks that a
        // join holds for hundreds of milliseconds, and a probe paced behind them leaves too slowly to prove anything.
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(daemon("vireo-pacer"));
        MediaWorkers workers = MediaWorkers.withDefaults("vireo-media");
        context = new SfuContext(config, endpoint, certificate, new BufferPool(POOLED_BUFFERS), handshakes, timer,
                pacer, workers, new MediaTransport.Counters(), new LongAdder(), new PeriodicTasks(timer));
        LOG.info(() -> "media on udp " + config.bindAddress().getHostAddress() + ":" + endpoint.port()
                + ", advertised as " + config.publicAddress().getHostAddress() + ", DTLS fingerprint "
                + certificate.fingerprintSdpValue());
    }

    /** The UDP port media flows through (the configured one, or the one picked when it was 0). */
    public int mediaPort() {
        return requireStarted().iceEndpoint().port();
    }

    /** The room with this id, made on first use; it goes away when its last participant leaves. */
    public Room room(String roomId) {
        SfuContext ctx = requireStarted();
        return rooms.computeIfAbsent(roomId, id -> new Room(id, ctx, this));
    }

    /**
     * Adds a participant to a room, retrying once when the room closed between lookup and join (its last
     * participant left at that moment).
     */
    public Participant join(String roomId, String participantId, ParticipantListener listener) {
        while (true) {
            Room room = room(roomId);
            try {
                return room.addParticipant(participantId, listener);
            } catch (IllegalStateException closedMeanwhile) {
                rooms.remove(roomId, room);
            }
        }
    }

    /**
     * Adds a receive-only viewer that made its own offer (WHEP) to a room, made on first use.
     *
     * @param publisherId the participant to watch, or null for the room's first publisher
     * @param onClosed    hears the reason when the SFU ends the viewer (transport failed, shutdown)
     * @throws NegotiationException when the offer does not fit the SFU's rules
     */
    public Viewer watch(String roomId, String viewerId, String offerSdp, String publisherId,
                        Consumer<String> onClosed) throws NegotiationException {
        ViewerOffer offer;
        try {
            offer = ViewerOffer.parse(offerSdp);
        } catch (SdpException e) {
            throw new NegotiationException(e.getMessage(), e);
        }
        while (true) {
            Room room = room(roomId);
            try {
                return room.addViewer(viewerId, offer, publisherId, onClosed);
            } catch (IllegalStateException closedMeanwhile) {
                rooms.remove(roomId, room);
            } catch (IllegalArgumentException e) {
                throw new NegotiationException(e.getMessage(), e);
            }
        }
    }

    /** The room with this id if it exists now (someone is in it), else null. */
    public Room existingRoom(String roomId) {
        return rooms.get(roomId);
    }

    void roomClosed(Room room) {
        rooms.remove(room.id(), room);
    }

    /** Rooms, participants and the media counters now, for the health endpoint. */
    public SfuStats stats() {
        int participants = 0;
        for (Room room : rooms.values()) {
            participants += room.participantCount();
        }
        SfuContext ctx = context;
        if (ctx == null) {
            return new SfuStats(rooms.size(), participants, 0, 0, 0, 0, 0);
        }
        MediaTransport.Counters c = ctx.transportCounters();
        return new SfuStats(rooms.size(), participants, c.received().sum(), ctx.forwarded().sum(),
                c.rejected().sum(), c.overloadDrops().sum(), ctx.workers().queued());
    }

    /** Closes every participant (their listeners hear {@code onMediaClosed("server shutting down")}) and the port. */
    @Override
    public synchronized void close() {
        SfuContext ctx = context;
        if (ctx == null) {
            return;
        }
        for (Room room : rooms.values()) {
            for (Participant p : room.closeAll()) {
                p.notifyClosed("server shutting down");
            }
        }
        rooms.clear();
        ctx.timer().shutdownNow();
        ctx.pacer().shutdownNow();
        ctx.handshakeExecutor().shutdownNow();
        ctx.iceEndpoint().close();
        ctx.workers().close();
        context = null;
    }

    private SfuContext requireStarted() {
        SfuContext ctx = context;
        if (ctx == null) {
            throw new IllegalStateException("the SFU has not been started");
        }
        return ctx;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
