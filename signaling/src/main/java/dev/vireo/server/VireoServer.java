package dev.vireo.server;

import dev.vireo.auth.AdminKey;
import dev.vireo.auth.RoomAccess;
import dev.vireo.auth.Tokens;
import dev.vireo.http.ApiRoute;
import dev.vireo.http.HttpFrontend;
import dev.vireo.http.StaticFiles;
import dev.vireo.meetings.MeetingRooms;
import dev.vireo.meetings.MeetingService;
import dev.vireo.meetings.MeetingStore;
import dev.vireo.meetings.MeetingWindow;
import dev.vireo.meetings.MeetingsPageRoute;
import dev.vireo.meetings.MeetingsRoute;
import dev.vireo.storage.Database;
import dev.vireo.sfu.Sfu;
import dev.vireo.signaling.MediaPlane;
import dev.vireo.signaling.SfuMediaPlane;
import dev.vireo.signaling.SignalingServer;
import dev.vireo.signaling.messages.Bye;
import dev.vireo.signaling.messages.IceServer;
import dev.vireo.turn.TurnServers;
import dev.vireo.streams.Broadcasting;
import dev.vireo.streams.StreamStore;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running Vireo node: the media plane, WebSocket signaling and HTTP, started together and stopped together.
 *
 * <pre>{@code
 * try (VireoServer server = VireoServer.start(ServerConfig.load(List.of("--http-port", "0"), Map.of()))) {
 *     URI page = URI.create("http://127.0.0.1:" + server.httpPort() + "/room/demo");
 * }
 * }</pre>
 */
public final class VireoServer implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    /** Where the web client's files are on the classpath (the vireo-web-client jar). */
    public static final String WEB_ROOT = "web/";

    private static final Logger LOG = Logger.getLogger(VireoServer.class.getName());

    private final ServerConfig config;
    private final MediaPlane media;
    private final SignalingServer signaling;
    private final HttpFrontend http;
    private final Credentials credentials;
    private final RoomAccess access;
    private final TurnServers turn;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Database database;

    private VireoServer(ServerConfig config, MediaPlane media, SignalingServer signaling, HttpFrontend http,
                        Credentials credentials, RoomAccess access, TurnServers turn, Database database) {
        this.turn = turn;
        this.database = database;
        this.credentials = credentials;
        this.access = access;
        this.config = config;
        this.media = media;
        this.signaling = signaling;
        this.http = http;
    }

    /**
     * Starts the SFU on the configured media port (a free one when it is 0), then signaling and HTTP; returns once
     * all of them listen.
     *
     * @throws IOException when a port cannot be bound
     */
    public static VireoServer start(ServerConfig config) throws IOException {
        ServerConfig resolved = config.mediaPort() == 0 ? config.withMediaPort(freeUdpPort(config)) : config;
        Sfu sfu = new Sfu(resolved.toSfuConfig());
        try {
            sfu.start();
        } catch (IOException e) {
            sfu.close();
            throw bindFailure(e, "media (UDP)", resolved.mediaPort(), resolved);
        } catch (RuntimeException e) {
            sfu.close();
            throw e;
        }
        return start(resolved, new SfuMediaPlane(sfu));
    }

    /**
     * Starts signaling and HTTP in front of a media plane that is already running; the server owns it from now on
     * and closes it in {@link #close()}, also when start-up fails.
     */
    public static VireoServer start(ServerConfig config, MediaPlane media) throws IOException {
        SignalingServer signaling = null;
        Database database = null;
        try {
            Credentials credentials = Credentials.load(config, Clock.systemUTC(), System.out);
            RoomAccess access = new RoomAccess(credentials.tokens(), config.access().openRooms());
            TurnServers turn = TurnServers.of(config.turn().urls(), config.turn().secret(), config.turn().ttl(),
                    Clock.systemUTC());
            // The page's /api/client-config is public: it gets the STUN URLs only. TURN credentials are handed out
            // in "joined", to clients that got into a room, so nobody uses the relay without joining a meeting.
            List<IceServer> iceServers = iceServers(turn, null).stream().filter(s -> s.username() == null).toList();
            List<ApiRoute> routes = new ArrayList<>();
            try {
                signaling = SignalingServer.start(new InetSocketAddress(config.bindAddress(), config.signalingPort()),
                        media, config.signalingLimits(), participantId -> iceServers(turn, participantId), access);
            } catch (IOException e) {
                throw bindFailure(e, "signaling (TCP)", config.signalingPort(), config);
            }
            database = openDatabase(config);
            Clock clock = Clock.systemUTC();
            ServerConfig.Meetings meetingSettings = config.meetings();
            MeetingWindow window = new MeetingWindow(meetingSettings.openBefore(), meetingSettings.grace());
            MeetingStore store = new MeetingStore(database);
            SignalingServer rooms = signaling;
            MeetingService meetings = new MeetingService(store, credentials.tokens(), clock, window,
                    deleted -> rooms.closeRoom(deleted.room(), Bye.ROOM_CLOSED, "The meeting \"" + deleted.title() + "\" was deleted."));
            MeetingRooms meetingRooms = new MeetingRooms(store, window, clock);
            access.addRule(meetingRooms);
            signaling.addEntryConditions(meetingRooms);
            routes.add(new MeetingsRoute(meetings, credentials.adminKey(), credentials.tokens(), clock));
            routes.add(new MeetingsPageRoute());
            try {
                routes.addAll(Broadcasting.start(signaling, media, access, credentials.adminKey(), () -> iceServers,
                        new StaticFiles(VireoServer.class.getClassLoader(), WEB_ROOT), Clock.systemUTC(),
                        new StreamStore(database)).routes());
            } catch (SQLException e) {
                throw new IOException("cannot load the streams from the database: " + e.getMessage(), e);
            }
            HttpFrontend http;
            try {
                http = HttpFrontend.start(new InetSocketAddress(config.bindAddress(), config.httpPort()),
                        new StaticFiles(VireoServer.class.getClassLoader(), WEB_ROOT), media::stats,
                        new HttpFrontend.ClientConfig(signaling.port(), "/", iceServers), VERSION, routes);
            } catch (IOException e) {
                throw bindFailure(e, "HTTP (TCP)", config.httpPort(), config);
            }
            return new VireoServer(config, media, signaling, http, credentials, access, turn, database);
        } catch (IOException | RuntimeException e) {
            if (signaling != null) {
                signaling.close();
            }
            if (database != null) {
                database.close();
            }
            media.close();
            throw e;
        }
    }

    public int httpPort() {
        return http.port();
    }

    public int signalingPort() {
        return signaling.port();
    }

    public int mediaPort() {
        return config.mediaPort();
    }

    /** Issues and verifies this server's access tokens. */
    public Tokens tokens() {
        return credentials.tokens();
    }

    /** The key REST calls that create or stop things must present. */
    public AdminKey adminKey() {
        return credentials.adminKey();
    }

    /** Who may enter which room. */
    public RoomAccess access() {
        return access;
    }

    /**
     * The STUN/TURN servers it hands out, with fresh TURN credentials per call: WHIP and WHEP responses add
     * {@link TurnServers#linkHeaders} as {@code Link} headers.
     */
    public TurnServers turn() {
        return turn;
    }

    /** Signaling, for what ends rooms from outside a session (a scheduled meeting deleted over REST). */
    public SignalingServer signaling() {
        return signaling;
    }

    /** The settings it runs with; the media port is the real one even when 0 was asked for. */
    public ServerConfig config() {
        return config;
    }

    /**
     * Stops gracefully: every client hears {@code {"type":"bye","reason":"server-shutdown"}}, connections close,
     * then the media plane and HTTP stop. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            signaling.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stopping signaling failed", e);
        }
        try {
            media.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stopping the media plane failed", e);
        }
        http.close();
        database.close();
    }

    private static Database openDatabase(ServerConfig config) throws IOException {
        try {
            return Database.open(config.meetings().databaseUrl(), config.dataDir());
        } catch (SQLException e) {
            throw new IOException("cannot open the meetings database: " + e.getMessage(), e);
        }
    }

    private static List<IceServer> iceServers(TurnServers turn, String participantId) {
        return turn.forIdentity(participantId).stream()
                .map(e -> new IceServer(e.urls(), e.username(), e.credential())).toList();
    }

    /**
     * A UDP port free right now. Another process could take it before the SFU binds it; that is acceptable for the
     * tests and tools that ask for port 0, and start-up then fails loudly.
     */
    private static int freeUdpPort(ServerConfig config) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(config.bindAddress(), 0))) {
            return probe.getLocalPort();
        }
    }

    private static IOException bindFailure(IOException e, String what, int port, ServerConfig config) {
        return new IOException("cannot listen for " + what + " on " + config.bindAddress().getHostAddress() + ":"
                + port + ": " + e.getMessage(), e);
    }
}
