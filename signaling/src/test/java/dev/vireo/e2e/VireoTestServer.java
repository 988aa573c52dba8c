package dev.vireo.e2e;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Role;
import dev.vireo.server.ServerConfig;
import dev.vireo.server.VireoServer;

/**
 * A real Vireo server inside the test JVM, bound to 127.0.0.1 on free ports and accepting media only from
 * 127.0.0.0/8, so everything the tests do stays on loopback.
 */
final class VireoTestServer implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";
    private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The admin key REST calls of the tests present (the token secret still comes from the data directory). */
    static final String ADMIN_KEY = "e2e-admin-key";
    /** Held so the settings below stay: java.util.logging keeps loggers only weakly. */
    private static final List<Logger> LOGGERS = configureLogging();

    private final String address;
    private final VireoServer server;
    private final int httpPort;
    private final int signalingPort;
    private final int mediaPort;

    private VireoTestServer(String address, VireoServer server, int httpPort, int signalingPort, int mediaPort) {
        this.address = address;
        this.server = server;
        this.httpPort = httpPort;
        this.signalingPort = signalingPort;
        this.mediaPort = mediaPort;
    }

    static VireoTestServer start() {
        return start(LOOPBACK, List.of("127.0.0.0/8"), ServerConfig.Turn.NONE, DISCONNECT_TIMEOUT, 0);
    }

    /** A server with last-N set to {@code lastN} (0 = off). */
    static VireoTestServer start(int lastN) {
        return start(LOOPBACK, List.of("127.0.0.0/8"), ServerConfig.Turn.NONE, DISCONNECT_TIMEOUT, lastN);
    }

    /** A server on {@code address} (an address of a network namespace the test made), media from {@code networks}. */
    static VireoTestServer start(String address, List<String> networks) {
        return start(address, networks, ServerConfig.Turn.NONE, DISCONNECT_TIMEOUT, 0);
    }

    /**
     * With these STUN/TURN servers handed out on join, and a media silence timeout of {@code disconnectTimeout}
     * (relayed media crosses one more process, which a loaded machine can stall for seconds).
     */
    static VireoTestServer start(ServerConfig.Turn turn, Duration disconnectTimeout) {
        return start(LOOPBACK, List.of("127.0.0.0/8"), turn, disconnectTimeout, 0);
    }

    private static VireoTestServer start(String address, List<String> networks, ServerConfig.Turn turn,
                                         Duration disconnectTimeout, int lastN) {
        try {
            ServerConfig base = config(InetAddress.getByName(address), networks,
                    Files.createTempDirectory("vireo-e2e-data-"));
            VireoServer server = VireoServer.start(new ServerConfig(base.bindAddress(), 0, 0, 0, base.publicIp(),
                    base.dataDir(), base.allowedNetworks(), disconnectTimeout, base.resumeGrace(),
                    base.maxMessageBytes(), base.messagesPerSecond(), base.messageBurst(), base.logLevel(),
                    base.access(), turn).withLastN(lastN));
            return new VireoTestServer(address, server, server.httpPort(), server.signalingPort(),
                    server.mediaPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Issues tokens this server accepts. */
    dev.vireo.auth.Tokens tokens() {
        return server.tokens();
    }

    /** Loopback only, free ports everywhere (media port 0: the server picks a free UDP port itself). */
    private static ServerConfig config(InetAddress address, List<String> networks, Path dataDir) {
        return new ServerConfig(address, 0, 0, 0, address, dataDir, networks,
                DISCONNECT_TIMEOUT, 65536, 50, 100, Level.INFO)
                .withAccess(new ServerConfig.Access(ADMIN_KEY, "", true));
    }

    /**
     * Server log lines with millisecond times (to line up with the browsers' signaling traces); ice4j's per-pair
     * INFO chatter is cut to warnings so the server's own lines stand out in the surefire output file.
     */
    private static List<Logger> configureLogging() {
        Logger vireo = Logger.getLogger("dev.vireo");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String thrown = "";
                if (r.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    r.getThrown().printStackTrace(new PrintWriter(trace));
                    thrown = "\n" + trace;
                }
                return String.format(Locale.ROOT, "%tT.%<tL %s %s: %s%s%n", r.getMillis(), r.getLevel(),
                        r.getLoggerName(), formatMessage(r), thrown);
            }
        });
        vireo.addHandler(handler);
        vireo.setUseParentHandlers(false);
        Logger ice4j = Logger.getLogger("org.ice4j");
        ice4j.setLevel(Level.WARNING);
        Logger jitsi = Logger.getLogger("org.jitsi");
        jitsi.setLevel(Level.WARNING);
        return List.of(vireo, ice4j, jitsi);
    }

    int httpPort() {
        return httpPort;
    }

    int signalingPort() {
        return signalingPort;
    }

    int mediaPort() {
        return mediaPort;
    }

    /** An access token of this server for {@code room}, valid for ten minutes. */
    String token(String room, String identity, Role role) {
        return server.tokens().issue(new AccessToken(room, identity, identity, role, Instant.now().plusSeconds(600)));
    }

    /** The running server itself (its tokens, for tests that mint access tokens). */
    VireoServer server() {
        return server;
    }

    /** The admin key REST calls must present. */
    String adminKey() {
        return ADMIN_KEY;
    }

    String baseUrl() {
        return "http://" + address + ":" + httpPort;
    }

    URI signalingUri() {
        return URI.create("ws://" + address + ":" + signalingPort + "/");
    }

    /** The page that joins {@code room} as {@code name} at once; {@code extraQuery} like "&video=0" or "". */
    String joinUrl(String room, String name, String extraQuery) {
        return baseUrl() + "/room/" + encode(room) + "?name=" + encode(name) + "&autojoin=1" + extraQuery;
    }

    @Override
    public void close() {
        server.close();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
