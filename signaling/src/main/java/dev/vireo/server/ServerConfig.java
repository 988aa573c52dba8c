package dev.vireo.server;

import dev.vireo.sfu.SfuConfig;
import dev.vireo.signaling.SignalingLimits;
import dev.vireo.auth.Tokens;
import dev.vireo.turn.TurnServers;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;

/**
 * Every setting of a Vireo server, validated once at start-up. Defaults and their documentation live in
 * {@code reference.conf}; {@link #load} merges it with a config file, {@code VIREO_*} environment variables and
 * command-line options.
 *
 * @param bindAddress       where the HTTP, signaling and media sockets bind (0.0.0.0 for every interface)
 * @param httpPort          HTTP port; 0 picks a free one
 * @param signalingPort     WebSocket signaling port; 0 picks a free one
 * @param mediaPort         the one UDP media port; 0 picks a free one when the server starts
 * @param publicIp          the address advertised in ICE candidates
 * @param dataDir           where state on disk goes
 * @param allowedNetworks   CIDR blocks media may come from; empty allows all
 * @param disconnectTimeout how long a participant's media may stay silent before it is removed
 * @param resumeGrace       how long a participant whose signaling connection closed without {@code leave} is kept
 *                          (media and all) for its client to resume; 0 removes it at once
 * @param maxMessageBytes   largest signaling message accepted
 * @param messagesPerSecond sustained signaling messages per connection per second
 * @param messageBurst      signaling messages a connection may send at once
 * @param logLevel          java.util.logging level of the server's own loggers
 * @param access            who may do what: admin key, token secret, whether rooms are open without a token
 * @param turn              the STUN/TURN servers handed to clients, and the TURN server's shared secret
 * @param meetings          where scheduled meetings are stored and when their rooms open
 * @param lastN             how many other participants' video each subscriber receives, the most recent speakers
 *                          first; 0 = everyone's
 */
public record ServerConfig(InetAddress bindAddress, int httpPort, int signalingPort, int mediaPort,
                           InetAddress publicIp, Path dataDir, List<String> allowedNetworks,
                           Duration disconnectTimeout, Duration resumeGrace, int maxMessageBytes,
                           int messagesPerSecond, int messageBurst, Level logLevel, Access access,
                           Turn turn, Meetings meetings, int lastN) {
    public static final int MIN_MESSAGE_BYTES = 1024;
    public static final int MAX_MESSAGE_BYTES = 16 << 20;
    public static final Duration MAX_DISCONNECT_TIMEOUT = Duration.ofHours(1);
    public static final Duration MAX_RESUME_GRACE = Duration.ofHours(1);
    public static final int MAX_LAST_N = 1000;

    /**
     * Who may do what.
     *
     * @param adminKey    the key REST calls that create or stop things must present; empty = the one kept in
     *                    {@code <data-dir>/admin-key}, generated on first start
     * @param tokenSecret the HS256 secret access tokens are signed with; empty = the one kept in
     *                    {@code <data-dir>/token-secret}, generated on first start
     * @param openRooms   whether anyone may join a room that nothing else governs (an ad-hoc meeting room) without a
     *                    token; tokens that are given are always verified
     */
    public record Access(String adminKey, String tokenSecret, boolean openRooms) {
        /** Secrets from the data directory, ad-hoc rooms open. */
        public static final Access DEFAULT = new Access("", "", true);

        public Access {
            Objects.requireNonNull(adminKey, "adminKey");
            Objects.requireNonNull(tokenSecret, "tokenSecret");
            if (!tokenSecret.isEmpty() && tokenSecret.getBytes(StandardCharsets.UTF_8).length
                    < Tokens.MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("token secret must be at least "
                        + Tokens.MIN_SECRET_BYTES + " bytes");
            }
        }

        /** Never the secrets. */
        @Override
        public String toString() {
            return "Access[adminKey=" + (adminKey.isEmpty() ? "(data-dir)" : "(given)") + ", tokenSecret="
                    + (tokenSecret.isEmpty() ? "(data-dir)" : "(given)") + ", openRooms=" + openRooms + "]";
        }
    }

    /**
     * The ICE servers clients are told about.
     *
     * @param urls   {@code stun:}, {@code turn:} and {@code turns:} URLs; empty for none
     * @param secret the TURN server's {@code static-auth-secret}; needed when a TURN URL is given, never handed out
     * @param ttl    how long each handed-out TURN credential stays valid
     */
    public record Turn(List<String> urls, String secret, Duration ttl) {
        public static final Duration DEFAULT_TTL = Duration.ofHours(12);
        public static final Duration MIN_TTL = Duration.ofMinutes(1);
        public static final Duration MAX_TTL = Duration.ofHours(48);
        /** No STUN or TURN: clients use the SFU's own candidates only. */
        public static final Turn NONE = new Turn(List.of(), "", DEFAULT_TTL);

        public Turn {
            urls = List.copyOf(urls);
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
                throw new IllegalArgumentException("TURN credential lifetime must be 1m-48h, got " + ttl);
            }
            // Checks every URL, and that TURN URLs come with a secret.
            TurnServers.of(urls, secret, ttl, Clock.systemUTC());
        }

        /** Never the secret. */
        @Override
        public String toString() {
            return "Turn[urls=" + urls + ", secret=" + (secret.isEmpty() ? "(none)" : "(given)") + ", ttl=" + ttl + "]";
        }
    }

    /**
     * Scheduled meetings.
     *
     * @param databaseUrl a JDBC URL (e.g. {@code jdbc:postgresql://db:5432/vireo?user=vireo&password=...}), or empty
     *                    for the embedded SQLite database {@code <data-dir>/vireo.db}
     * @param openBefore  how long before an occurrence's start its room opens
     * @param grace       how long after an occurrence's end its room still accepts joins
     */
    public record Meetings(String databaseUrl, Duration openBefore, Duration grace) {
        public static final Duration MAX_WINDOW = Duration.ofDays(1);
        public static final Meetings DEFAULT = new Meetings("", Duration.ofMinutes(10), Duration.ofMinutes(15));

        public Meetings {
            Objects.requireNonNull(databaseUrl, "databaseUrl");
            if (!databaseUrl.isEmpty() && !databaseUrl.startsWith("jdbc:")) {
                throw new IllegalArgumentException("database URL must be a JDBC URL starting with jdbc:");
            }
            if (openBefore.isNegative() || openBefore.compareTo(MAX_WINDOW) > 0) {
                throw new IllegalArgumentException("meeting open-before must be 0-24h, got " + openBefore);
            }
            if (grace.isNegative() || grace.compareTo(MAX_WINDOW) > 0) {
                throw new IllegalArgumentException("meeting grace must be 0-24h, got " + grace);
            }
        }

        /** Never the database URL's parameters (they may hold a password). */
        @Override
        public String toString() {
            return "Meetings[databaseUrl=" + (databaseUrl.isEmpty() ? "(sqlite in data-dir)" : "(given)")
                    + ", openBefore=" + openBefore + ", grace=" + grace + "]";
        }
    }

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(turn, "turn");
        Objects.requireNonNull(meetings, "meetings");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(publicIp, "publicIp");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(disconnectTimeout, "disconnectTimeout");
        Objects.requireNonNull(resumeGrace, "resumeGrace");
        Objects.requireNonNull(logLevel, "logLevel");
        checkPort("http port", httpPort);
        checkPort("signaling port", signalingPort);
        checkPort("media port", mediaPort);
        if (httpPort != 0 && httpPort == signalingPort) {
            throw new IllegalArgumentException("http port and signaling port must differ, both are " + httpPort);
        }
        if (publicIp.isAnyLocalAddress()) {
            throw new IllegalArgumentException("public IP must be a specific address, not " + publicIp.getHostAddress());
        }
        allowedNetworks = allowedNetworks.stream().map(n -> Cidr.parse(n).toString()).toList();
        if (disconnectTimeout.isNegative() || disconnectTimeout.isZero()
                || disconnectTimeout.compareTo(MAX_DISCONNECT_TIMEOUT) > 0) {
            throw new IllegalArgumentException("disconnect timeout must be more than 0 and at most 1h, got "
                    + disconnectTimeout);
        }
        if (resumeGrace.isNegative() || resumeGrace.compareTo(MAX_RESUME_GRACE) > 0) {
            throw new IllegalArgumentException("resume grace must be 0-1h, got " + resumeGrace);
        }
        if (maxMessageBytes < MIN_MESSAGE_BYTES || maxMessageBytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("max message bytes must be " + MIN_MESSAGE_BYTES + "-"
                    + MAX_MESSAGE_BYTES + ", got " + maxMessageBytes);
        }
        if (messagesPerSecond < 1 || messagesPerSecond > 100_000) {
            throw new IllegalArgumentException("messages per second must be 1-100000, got " + messagesPerSecond);
        }
        if (messageBurst < 1 || messageBurst > 100_000) {
            throw new IllegalArgumentException("message burst must be 1-100000, got " + messageBurst);
        }
        if (lastN < 0 || lastN > MAX_LAST_N) {
            throw new IllegalArgumentException("last-n must be 0-" + MAX_LAST_N + ", got " + lastN);
        }
    }

    /** Settings without STUN or TURN servers ({@link Turn#NONE}). */
    public ServerConfig(InetAddress bindAddress, int httpPort, int signalingPort, int mediaPort, InetAddress publicIp,
                        Path dataDir, List<String> allowedNetworks, Duration disconnectTimeout, Duration resumeGrace,
                        int maxMessageBytes, int messagesPerSecond, int messageBurst, Level logLevel, Access access) {
        this(bindAddress, httpPort, signalingPort, mediaPort, publicIp, dataDir, allowedNetworks, disconnectTimeout,
                resumeGrace, maxMessageBytes, messagesPerSecond, messageBurst, logLevel, access, Turn.NONE,
                Meetings.DEFAULT, 0);
    }

    /** Settings without meetings configuration (the embedded database and default windows). */
    public ServerConfig(InetAddress bindAddress, int httpPort, int signalingPort, int mediaPort, InetAddress publicIp,
                        Path dataDir, List<String> allowedNetworks, Duration disconnectTimeout, Duration resumeGrace,
                        int maxMessageBytes, int messagesPerSecond, int messageBurst, Level logLevel, Access access,
                        Turn turn) {
        this(bindAddress, httpPort, signalingPort, mediaPort, publicIp, dataDir, allowedNetworks, disconnectTimeout,
                resumeGrace, maxMessageBytes, messagesPerSecond, messageBurst, logLevel, access, turn,
                Meetings.DEFAULT, 0);
    }

    /** Settings without last-N (everyone receives everyone's video). */
    public ServerConfig(InetAddress bindAddress, int httpPort, int signalingPort, int mediaPort, InetAddress publicIp,
                        Path dataDir, List<String> allowedNetworks, Duration disconnectTimeout, Duration resumeGrace,
                        int maxMessageBytes, int messagesPerSecond, int messageBurst, Level logLevel, Access access,
                        Turn turn, Meetings meetings) {
        this(bindAddress, httpPort, signalingPort, mediaPort, publicIp, dataDir, allowedNetworks, disconnectTimeout,
                resumeGrace, maxMessageBytes, messagesPerSecond, messageBurst, logLevel, access, turn, meetings, 0);
    }

    /**
     * Settings with the default resume grace ({@link SignalingLimits#DEFAULT_RESUME_GRACE}) and {@link Access#DEFAULT}.
     */
    public ServerConfig(InetAddress bindAddress, int httpPort, int signalingPort, int mediaPort, InetAddress publicIp,
                        Path dataDir, List<String> allowedNetworks, Duration disconnectTimeout, int maxMessageBytes,
                        int messagesPerSecond, int messageBurst, Level logLevel) {
        this(bindAddress, httpPort, signalingPort, mediaPort, publicIp, dataDir, allowedNetworks, disconnectTimeout,
                SignalingLimits.DEFAULT_RESUME_GRACE, maxMessageBytes, messagesPerSecond, messageBurst, logLevel,
                Access.DEFAULT, Turn.NONE, Meetings.DEFAULT, 0);
    }

    /**
     * Reads the settings from {@code reference.conf}, the file named by {@code --config} (or {@code VIREO_CONFIG}),
     * the environment and the command line, in increasing precedence.
     *
     * @param args the options after the {@code server} command, e.g. {@code ["--http-port", "0"]}
     * @param env  the environment, normally {@link System#getenv()}
     */
    public static ServerConfig load(List<String> args, Map<String, String> env) throws InvalidConfigException {
        return ConfigLoader.load(args, env);
    }

    /** The media plane's part. Needs a real media port: a server resolves port 0 first ({@link #withMediaPort}). */
    public SfuConfig toSfuConfig() {
        if (mediaPort == 0) {
            throw new IllegalStateException("media port 0 must be resolved to a free port first");
        }
        return new SfuConfig(bindAddress, mediaPort, publicIp, allowedNetworks, disconnectTimeout, lastN);
    }

    public ServerConfig withMediaPort(int port) {
        return new ServerConfig(bindAddress, httpPort, signalingPort, port, publicIp, dataDir, allowedNetworks,
                disconnectTimeout, resumeGrace, maxMessageBytes, messagesPerSecond, messageBurst, logLevel, access,
                turn, meetings, lastN);
    }

    public ServerConfig withAccess(Access newAccess) {
        return new ServerConfig(bindAddress, httpPort, signalingPort, mediaPort, publicIp, dataDir, allowedNetworks,
                disconnectTimeout, resumeGrace, maxMessageBytes, messagesPerSecond, messageBurst, logLevel, newAccess,
                turn, meetings, lastN);
    }

    public ServerConfig withTurn(Turn newTurn) {
        return new ServerConfig(bindAddress, httpPort, signalingPort, mediaPort, publicIp, dataDir, allowedNetworks,
                disconnectTimeout, resumeGrace, maxMessageBytes, messagesPerSecond, messageBurst, logLevel, access,
                newTurn, meetings, lastN);
    }

    public ServerConfig withMeetings(Meetings newMeetings) {
        return new ServerConfig(bindAddress, httpPort, signalingPort, mediaPort, publicIp, dataDir, allowedNetworks,
                disconnectTimeout, resumeGrace, maxMessageBytes, messagesPerSecond, messageBurst, logLevel, access,
                turn, newMeetings, lastN);
    }

    public ServerConfig withLastN(int n) {
        return new ServerConfig(bindAddress, httpPort, signalingPort, mediaPort, publicIp, dataDir, allowedNetworks,
                disconnectTimeout, resumeGrace, maxMessageBytes, messagesPerSecond, messageBurst, logLevel, access,
                turn, meetings, n);
    }

    /** The per-connection limits of the signaling server, and its resume grace. */
    public SignalingLimits signalingLimits() {
        return new SignalingLimits(maxMessageBytes, messagesPerSecond, messageBurst, Duration.ofSeconds(30),
                resumeGrace);
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0-65535, got " + port);
        }
    }
}
