package dev.vireo.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vireo.signaling.LoopbackOnlyIce;
import dev.vireo.signaling.Sdp;
import dev.vireo.signaling.TestClient;
import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.net.BindException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The assembled server, real SFU included, on free loopback ports. */
class VireoServerTest {
    static {
        LoopbackOnlyIce.ensure();
    }

    private static ServerConfig loopbackConfig(String... extra) throws InvalidConfigException {
        List<String> args = new java.util.ArrayList<>(List.of("--bind", "127.0.0.1", "--http-port", "0",
                "--media-port", "0", "--public-ip", "127.0.0.1", "--allowed-networks", "127.0.0.0/8"));
        try {
            args.addAll(List.of("--data-dir", Files.createTempDirectory("vireo-server-test-").toString()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        args.addAll(List.of(extra));
        return ServerConfig.load(args, Map.of());
    }

    private static JsonObject getJson(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    /** True if nothing holds this UDP port on 127.0.0.1 (a plain socket, without SO_REUSEADDR, can bind it). */
    private static boolean udpPortFree(int port) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return true;
        } catch (BindException e) {
            return false;
        }
    }

    /** The media port is released, allowing the SFU's receive threads a moment to let go of it. */
    private static void assertUdpPortReleased(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!udpPortFree(port)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("media port " + port + " is still bound: the SFU was not closed");
            }
            Thread.sleep(20);
        }
    }

    private static int freeUdpPort() throws SocketException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return probe.getLocalPort();
        }
    }

    @Test
    void theFirstStartCreatesOwnerOnlySecretsAndShowsTheAdminKeyOnce() throws Exception {
        ServerConfig config = loopbackConfig();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Credentials first = Credentials.load(config, Clock.systemUTC(), new PrintStream(console, true, UTF_8));
        Path keyFile = config.dataDir().resolve(Credentials.ADMIN_KEY_FILE);
        String key = Files.readString(keyFile).strip();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                config.dataDir().resolve(Credentials.TOKEN_SECRET_FILE))));
        assertTrue(console.toString(UTF_8).contains(key), console::toString);
        assertTrue(first.adminKey().authorizes("Bearer " + key));

        console.reset();
        Credentials second = Credentials.load(config, Clock.systemUTC(), new PrintStream(console, true, UTF_8));
        assertEquals("", console.toString(UTF_8), "the key is shown only when it is created");
        assertTrue(second.adminKey().authorizes("Bearer " + key));
        String token = first.tokens().issue(new AccessToken("r", "i", "n", Role.HOST, Instant.now().plusSeconds(9)));
        assertEquals("r", second.tokens().verify(token, "r").room(), "the token secret survives a restart");

        ServerConfig given = config.withAccess(new ServerConfig.Access("configured-key", "x".repeat(32), true));
        console.reset();
        Credentials configured = Credentials.load(given, Clock.systemUTC(), new PrintStream(console, true, UTF_8));
        assertTrue(configured.adminKey().authorizes("Bearer configured-key"));
        assertEquals("", console.toString(UTF_8));
    }

    @Test
    void portZeroPicksFreePortsAndTheApiReportsThem() throws Exception {
        try (VireoServer server = VireoServer.start(loopbackConfig())) {
            assertTrue(server.httpPort() > 0);
            assertTrue(server.signalingPort() > 0);
            assertTrue(server.mediaPort() > 0);
            assertNotEquals(server.httpPort(), server.signalingPort());
            assertTrue(!udpPortFree(server.mediaPort()), "the SFU holds the media port");

            JsonObject clientConfig = getJson(server.httpPort(), "/api/client-config");
            assertEquals(server.signalingPort(), clientConfig.get("signalingPort").getAsInt());
            assertEquals("/", clientConfig.get("signalingPath").getAsString());
            assertEquals(0, clientConfig.getAsJsonArray("iceServers").size());

            try (TestClient alice = TestClient.connect(clientConfig.get("signalingPort").getAsInt())) {
                alice.join("r", "Alice");
                JsonObject health = getJson(server.httpPort(), "/api/health");
                assertEquals("ok", health.get("status").getAsString());
                assertEquals(VireoServer.VERSION, health.get("version").getAsString());
                assertEquals(1, health.get("rooms").getAsInt());
                assertEquals(1, health.get("participants").getAsInt());
                assertTrue(health.get("uptimeSeconds").getAsLong() >= 0);
                // The media plane's counters: nobody sent media yet, so all are zero, but they are there.
                JsonObject media = health.getAsJsonObject("media");
                for (String counter : new String[] {"packetsReceived", "packetsForwarded", "srtpRejected",
                        "overloadDrops", "queuedPackets"}) {
                    assertEquals(0, media.get(counter).getAsLong(), counter);
                }
            }
        }
    }

    @Test
    void closeSaysByeThenStopsEverything() throws Exception {
        VireoServer server = VireoServer.start(loopbackConfig());
        int http = server.httpPort();
        int signaling = server.signalingPort();
        int media = server.mediaPort();
        assertTrue(!udpPortFree(media), "the SFU holds the media port");
        try (TestClient alice = TestClient.connect(signaling); TestClient idle = TestClient.connect(signaling)) {
            alice.join("r", "Alice");
            idle.roundTrip();
            server.close();
            assertEquals("server-shutdown", alice.next("bye").get("reason").getAsString());
            assertEquals("server-shutdown", idle.next("bye").get("reason").getAsString());
            assertEquals(1001, alice.closeCode());
        }
        assertUdpPortReleased(media);
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", http).close());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", signaling).close());
        server.close(); // a second close is harmless
    }

    @Test
    void aTakenPortFailsStartWithAClearMessageAndClosesTheMediaPlane() throws Exception {
        try (VireoServer first = VireoServer.start(loopbackConfig())) {
            // A media port of our choosing, so we can tell afterwards whether the failed start let go of it.
            int media = freeUdpPort();
            IOException e = assertThrows(IOException.class, () -> VireoServer.start(loopbackConfig(
                    "--media-port", Integer.toString(media),
                    "--signaling-port", Integer.toString(first.signalingPort()))));
            assertTrue(e.getMessage().startsWith("cannot listen for signaling (TCP) on 127.0.0.1:"
                    + first.signalingPort() + ": "), e.getMessage());
            assertUdpPortReleased(media);

            int media2 = freeUdpPort();
            e = assertThrows(IOException.class, () -> VireoServer.start(loopbackConfig(
                    "--media-port", Integer.toString(media2),
                    "--http-port", Integer.toString(first.httpPort()), "--signaling-port", "0")));
            assertTrue(e.getMessage().startsWith("cannot listen for HTTP (TCP) on 127.0.0.1:" + first.httpPort()),
                    e.getMessage());
            assertUdpPortReleased(media2);
        }
    }

    /**
     * "ICE failure or a silent peer removes the participant within ~10 s", end to end through signaling: with a 2 s
     * disconnect timeout, a participant that publishes a real offer but never does ICE hears {@code bye} within
     * 2-5 s, the room hears it left, and the server carries on.
     */
    @Test
    void aParticipantWhoseMediaNeverConnectsIsRemoved() throws Exception {
        try (VireoServer server = VireoServer.start(loopbackConfig("--disconnect-timeout", "2s"));
             TestClient a = TestClient.connect(server.signalingPort());
             TestClient b = TestClient.connect(server.signalingPort());
             TestClient c = TestClient.connect(server.signalingPort())) {
            String aId = a.join("r", "A").get("participantId").getAsString();
            String bId = b.join("r", "B").get("participantId").getAsString();
            a.next("participant-joined");

            long offeredAt = System.nanoTime();
            a.publish(Sdp.AUDIO_VIDEO_OFFER);
            b.next("subscribe-offer"); // the SFU offers A's tracks to B (who never answers: B has no ICE either)

            JsonObject bye = a.next(Duration.ofSeconds(6));
            Duration after = Duration.ofNanos(System.nanoTime() - offeredAt);
            assertEquals("bye", bye.get("type").getAsString(), bye::toString);
            assertEquals("media-closed", bye.get("reason").getAsString());
            assertTrue(bye.get("message").getAsString().contains("ICE did not connect"), bye::toString);
            assertTrue(after.compareTo(Duration.ofMillis(1900)) >= 0 && after.compareTo(Duration.ofSeconds(5)) <= 0,
                    "bye after " + after.toMillis() + " ms");
            assertEquals(1000, a.closeCode());

            JsonObject left = b.next("participant-left");
            assertEquals(aId, left.get("participantId").getAsString());
            assertEquals("disconnected", left.get("reason").getAsString());

            JsonArray others = c.join("r", "C").getAsJsonArray("participants");
            assertEquals(1, others.size(), others::toString);
            assertEquals(bId, others.get(0).getAsJsonObject().get("id").getAsString());
            b.next("participant-joined");
            JsonObject health = getJson(server.httpPort(), "/api/health");
            assertEquals(1, health.get("rooms").getAsInt());
            assertEquals(2, health.get("participants").getAsInt());
        }
    }
}
