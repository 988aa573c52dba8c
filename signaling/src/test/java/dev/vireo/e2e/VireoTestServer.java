package dev.vireo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import dev.vireo.server.ServerConfig;
import dev.vireo.server.VireoServer;

/**
 * A real Vireo server inside the test JVM, bound to 127.0.0.1 on free ports and accepting media only from
 * 127.0.0.0/8, so everything the tests do stays on loopback.
 */
final class VireoTestServer implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";

    private final VireoServer server;
    private final int httpPort;
    private final int signalingPort;
    private final int mediaPort;

    private VireoTestServer(VireoServer server, int httpPort, int signalingPort, int mediaPort) {
        this.server = server;
        this.httpPort = httpPort;
        this.signalingPort = signalingPort;
        this.mediaPort = mediaPort;
    }

    static VireoTestServer start() {
        try {
            VireoServer server = VireoServer.start(config(Files.createTempDirectory("vireo-e2e-data-")));
            return new VireoTestServer(server, server.httpPort(), server.signalingPort(), server.mediaPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loopback only, free ports everywhere (media port 0: the server picks a free UDP port itself). */
    private static ServerConfig config(Path dataDir) throws IOException {
        InetAddress loopback = InetAddress.getByName(LOOPBACK);
        return new ServerConfig(loopback, 0, 0, 0, loopback, dataDir, List.of("127.0.0.0/8"),
                Duration.ofSeconds(5), 65536, 50, 100, Level.INFO);
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

    String baseUrl() {
        return "http://" + LOOPBACK + ":" + httpPort;
    }

    URI signalingUri() {
        return URI.create("ws://" + LOOPBACK + ":" + signalingPort + "/");
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
