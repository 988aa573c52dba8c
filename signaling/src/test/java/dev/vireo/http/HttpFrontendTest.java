package dev.vireo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vireo.sfu.SfuStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP side over a real socket, with a web root built in a temporary folder. */
class HttpFrontendTest {
    /** A parsed HTTP/1.1 response. */
    private record Response(int status, String head, String body) {
        String header(String name) {
            return head.lines().filter(l -> l.toLowerCase().startsWith(name.toLowerCase() + ":"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(null);
        }

        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }
    }

    @TempDir
    Path dir;
    private URLClassLoader loader;
    private HttpFrontend http;

    @BeforeEach
    void start() throws IOException {
        Path web = Files.createDirectories(dir.resolve("web"));
        Files.writeString(web.resolve("index.html"), "<h1>lobby</h1>");
        Files.writeString(web.resolve("room.html"), "<h1>room</h1>");
        Files.createDirectories(web.resolve("js"));
        Files.writeString(web.resolve("js/app.js"), "export const x = 1;");
        Files.writeString(web.resolve("style.css"), "body{}");
        Files.writeString(web.resolve(".env"), "SECRET=1");
        Files.writeString(web.resolve("README"), "no extension");
        Files.writeString(dir.resolve("secret.txt"), "outside the web root");
        loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
        http = HttpFrontend.start(new InetSocketAddress("127.0.0.1", 0), new StaticFiles(loader, "web/"),
                () -> new SfuStats(2, 5, 100, 90, 7, 3, 11),
                new HttpFrontend.ClientConfig(4321, "/", List.of()), "0.1.0", List.of());
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        loader.close();
    }

    /** Sends the request line exactly as given: no client-side path clean-up. */
    private Response request(String method, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", http.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = raw.indexOf("\r\n\r\n");
            String head = raw.substring(0, split);
            return new Response(Integer.parseInt(head.split(" ")[1]), head, raw.substring(split + 4));
        }
    }

    @Test
    void rootIsTheLobbyPage() throws IOException {
        Response r = request("GET", "/");
        assertEquals(200, r.status());
        assertEquals("<h1>lobby</h1>", r.body());
        assertEquals("text/html; charset=utf-8", r.header("Content-Type"));
        assertEquals("no-cache", r.header("Cache-Control"));
    }

    @Test
    void roomUrlsServeTheRoomPage() throws IOException {
        for (String path : new String[] {"/room/standup", "/room/a.b-c_9", "/room/standup/"}) {
            Response r = request("GET", path);
            assertEquals(200, r.status(), path);
            assertEquals("<h1>room</h1>", r.body(), path);
        }
        Response bad = request("GET", "/room/" + "x".repeat(65));
        assertEquals(404, bad.status());
        assertEquals("not-found", bad.json().get("error").getAsString());
        assertEquals(404, request("GET", "/room/a/b").status());
        assertEquals(404, request("GET", "/room/").status());
    }

    @Test
    void filesGetTheirContentType() throws IOException {
        Response js = request("GET", "/js/app.js");
        assertEquals(200, js.status());
        assertEquals("text/javascript; charset=utf-8", js.header("Content-Type"));
        assertEquals("export const x = 1;", js.body());
        assertEquals("text/css; charset=utf-8", request("GET", "/style.css").header("Content-Type"));
        assertEquals("nosniff", js.header("X-Content-Type-Options"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/%2e%2e/secret.txt", "/js/../../secret.txt", "/..%2fsecret.txt",
            "/.env", "/README", "/js", "/js/", "/web/index.html", "//secret.txt", "/nope.html", "/js/%00.js",
            "/index.html%00.png"})
    void nothingOutsideTheWebFilesIsServed(String path) throws IOException {
        Response r = request("GET", path);
        assertTrue(r.status() == 404 || r.status() == 400, path + " gave " + r.status());
        assertFalse(r.body().contains("outside the web root") || r.body().contains("SECRET"), path);
        // "//x" has an empty path in the JDK server's eyes and gets its built-in 404 page, which is fine.
        if (r.status() == 404 && !path.startsWith("//")) {
            assertEquals("not-found", r.json().get("error").getAsString());
            assertTrue(r.json().has("message"));
            assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        }
    }

    @Test
    void healthReportsTheMediaPlane() throws IOException {
        Response r = request("GET", "/api/health");
        assertEquals(200, r.status());
        JsonObject health = r.json();
        assertEquals("ok", health.get("status").getAsString());
        assertEquals("0.1.0", health.get("version").getAsString());
        assertEquals(2, health.get("rooms").getAsInt());
        assertEquals(5, health.get("participants").getAsInt());
        assertTrue(health.get("uptimeSeconds").getAsLong() >= 0);
        JsonObject media = health.getAsJsonObject("media");
        assertEquals(100, media.get("packetsReceived").getAsLong());
        assertEquals(90, media.get("packetsForwarded").getAsLong());
        assertEquals(7, media.get("srtpRejected").getAsLong());
        assertEquals(3, media.get("overloadDrops").getAsLong());
        assertEquals(11, media.get("queuedPackets").getAsInt());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
    }

    @Test
    void clientConfigPointsAtSignaling() throws IOException {
        JsonObject config = request("GET", "/api/client-config").json();
        assertEquals(4321, config.get("signalingPort").getAsInt());
        assertEquals("/", config.get("signalingPath").getAsString());
        assertEquals(0, config.getAsJsonArray("iceServers").size());
    }

    @Test
    void unknownApiIsJson404() throws IOException {
        Response r = request("GET", "/api/rooms");
        assertEquals(404, r.status());
        assertEquals("not-found", r.json().get("error").getAsString());
    }

    @Test
    void otherMethodsAre405() throws IOException {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            Response r = request(method, "/api/health");
            assertEquals(405, r.status(), method);
            assertEquals("GET, HEAD", r.header("Allow"));
            assertEquals("method-not-allowed", r.json().get("error").getAsString());
        }
    }

    @Test
    void headHasNoBody() throws IOException {
        Response r = request("HEAD", "/");
        assertEquals(200, r.status());
        assertEquals("", r.body());
    }

    @Test
    void aFailingStatsSourceIsA500InJson() throws IOException {
        try (HttpFrontend broken = HttpFrontend.start(new InetSocketAddress("127.0.0.1", 0),
                new StaticFiles(loader, "web/"), () -> {
                    throw new UnsupportedOperationException("not yet");
                }, new HttpFrontend.ClientConfig(1, "/", List.of()), "0.1.0", List.of())) {
            HttpFrontend saved = http;
            http = broken;
            try {
                Response r = request("GET", "/api/health");
                assertEquals(500, r.status());
                assertEquals("internal", r.json().get("error").getAsString());
            } finally {
                http = saved;
            }
        }
    }
}
