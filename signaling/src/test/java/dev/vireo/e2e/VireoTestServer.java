package dev.vireo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * A real Vireo server inside the test JVM, bound to 127.0.0.1 on free ports and accepting media only from
 * 127.0.0.0/8, so everything the tests do stays on loopback.
 */
final class VireoTestServer implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";

    private final AutoCloseable server;
    private final int httpPort;
    private final int signalingPort;
    private final int mediaPort;

    private VireoTestServer(AutoCloseable server, int httpPort, int signalingPort, int mediaPort) {
        this.server = server;
        this.httpPort = httpPort;
        this.signalingPort = signalingPort;
        this.mediaPort = mediaPort;
    }

    static VireoTestServer start() {
        try {
            int mediaPort = freeUdpPort();
            Path dataDir = Files.createTempDirectory("vireo-e2e-data-");
            Map<String, Object> settings = Map.ofEntries(
                    Map.entry("bindAddress", LOOPBACK),
                    Map.entry("httpPort", 0),
                    Map.entry("signalingPort", 0),
                    Map.entry("mediaPort", mediaPort),
                    Map.entry("publicIp", LOOPBACK),
                    Map.entry("dataDir", dataDir),
                    Map.entry("allowedNetworks", List.of("127.0.0.0/8")),
                    Map.entry("disconnectTimeout", Duration.ofSeconds(5)),
                    Map.entry("maxMessageBytes", 65536),
                    Map.entry("messagesPerSecond", 50),
                    Map.entry("messageBurst", 100),
                    Map.entry("logLevel", Level.INFO));
            AutoCloseable server = startServer(settings);
            return new VireoTestServer(server,
                    (int) call(server, "httpPort"), (int) call(server, "signalingPort"), (int) call(server, "mediaPort"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The one place that knows how to build a {@code ServerConfig} and start a {@code VireoServer}.
     * TODO(e2e): replace with direct typed calls once dev.vireo.server lands on main; until then the record's
     * components are matched by name so the harness compiles without the server.
     */
    private static AutoCloseable startServer(Map<String, Object> settings) throws IOException {
        try {
            Class<?> configType = Class.forName("dev.vireo.server.ServerConfig");
            Class<?> serverType = Class.forName("dev.vireo.server.VireoServer");
            RecordComponent[] components = configType.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = convert(components[i].getName(), settings.get(components[i].getName()), types[i]);
            }
            Constructor<?> canonical = configType.getDeclaredConstructor(types);
            Object config = canonical.newInstance(values);
            return (AutoCloseable) serverType.getMethod("start", configType).invoke(null, config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start VireoServer", e);
        }
    }

    private static Object convert(String name, Object value, Class<?> type) throws IOException {
        if (value == null) {
            if (type == int.class || type == long.class) {
                return type == int.class ? (Object) 0 : (Object) 0L;
            }
            if (type == boolean.class) {
                return false;
            }
            return null;
        }
        if (type.isInstance(value) || (type == int.class && value instanceof Integer)) {
            return value;
        }
        if (type == InetAddress.class) {
            return InetAddress.getByName((String) value);
        }
        if (type == String.class) {
            return value.toString();
        }
        throw new IllegalStateException("ServerConfig." + name + " has type " + type + ", harness gives " + value);
    }

    private static Object call(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(method, e);
        }
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
    public void close() throws Exception {
        server.close();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName(LOOPBACK))) {
            return probe.getLocalPort();
        }
    }
}
