package dev.vireo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vireo.signaling.FakeMediaPlane;
import dev.vireo.signaling.TestClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The assembled server on free loopback ports, with a fake media plane. */
class VireoServerTest {
    private static ServerConfig loopbackConfig(String... extra) throws InvalidConfigException {
        List<String> args = new java.util.ArrayList<>(List.of("--bind", "127.0.0.1", "--http-port", "0",
                "--media-port", "0", "--public-ip", "127.0.0.1", "--allowed-networks", "127.0.0.0/8"));
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

    @Test
    void portZeroPicksFreePortsAndTheApiReportsThem() throws Exception {
        FakeMediaPlane media = new FakeMediaPlane();
        try (VireoServer server = VireoServer.start(loopbackConfig(), media)) {
            assertTrue(server.httpPort() > 0);
            assertTrue(server.signalingPort() > 0);
            assertNotEquals(server.httpPort(), server.signalingPort());

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
            }
        }
    }

    @Test
    void closeSaysByeThenStopsEverything() throws Exception {
        FakeMediaPlane media = new FakeMediaPlane();
        VireoServer server = VireoServer.start(loopbackConfig(), media);
        int http = server.httpPort();
        int signaling = server.signalingPort();
        try (TestClient alice = TestClient.connect(signaling); TestClient idle = TestClient.connect(signaling)) {
            alice.join("r", "Alice");
            idle.roundTrip();
            server.close();
            assertEquals("server-shutdown", alice.next("bye").get("reason").getAsString());
            assertEquals("server-shutdown", idle.next("bye").get("reason").getAsString());
            assertEquals(1001, alice.closeCode());
        }
        assertTrue(media.closed);
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", http).close());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", signaling).close());
        server.close(); // a second close is harmless
    }

    @Test
    void aTakenPortFailsStartWithAClearMessageAndClosesTheMediaPlane() throws Exception {
        try (VireoServer first = VireoServer.start(loopbackConfig(), new FakeMediaPlane())) {
            FakeMediaPlane media = new FakeMediaPlane();
            IOException e = assertThrows(IOException.class, () -> VireoServer.start(
                    loopbackConfig("--signaling-port", Integer.toString(first.signalingPort())), media));
            assertTrue(e.getMessage().startsWith("cannot listen for signaling (TCP) on 127.0.0.1:"
                    + first.signalingPort() + ": "), e.getMessage());
            assertTrue(media.closed);

            FakeMediaPlane media2 = new FakeMediaPlane();
            e = assertThrows(IOException.class, () -> VireoServer.start(
                    loopbackConfig("--http-port", Integer.toString(first.httpPort()), "--signaling-port", "0"), media2));
            assertTrue(e.getMessage().startsWith("cannot listen for HTTP (TCP) on 127.0.0.1:" + first.httpPort()),
                    e.getMessage());
            assertTrue(media2.closed);
        }
    }
}
