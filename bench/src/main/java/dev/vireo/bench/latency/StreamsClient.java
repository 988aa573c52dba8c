package dev.vireo.bench.latency;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Creates public streams on the benchmark's own Vireo over its REST API (docs/whip-whep.md), so the harness can
 * publish with WHIP and watch with WHEP. The admin key is the one the server generated into its data directory.
 */
final class StreamsClient {
    /** What WHIP needs: the stream's room, its WHIP URL and a host token that may publish into it. */
    record Stream(String room, String whipUrl, String publishToken) {
    }

    private static final long CONNECT_RETRY_MILLIS = 30_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminKey;

    private StreamsClient(String baseUrl, String adminKey) {
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
    }

    /** For the server at {@code baseUrl} whose data directory is {@code dataDir}. */
    static StreamsClient of(String baseUrl, Path dataDir) throws IOException {
        return new StreamsClient(baseUrl, Files.readString(dataDir.resolve("admin-key")).strip());
    }

    Stream create(String title) throws IOException, InterruptedException {
        JsonObject body = new JsonObject();
        body.addProperty("title", title);
        body.addProperty("public", true);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/streams"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> r = send(request);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("POST /api/streams answered " + r.statusCode() + ": " + r.body());
        }
        JsonObject s = JsonParser.parseString(r.body()).getAsJsonObject();
        return new Stream(s.get("room").getAsString(), s.get("whipUrl").getAsString(),
                s.get("publishToken").getAsString());
    }

    /**
     * The server is started once its signaling port listens; its HTTP port may still refuse connections for a
     * moment on a loaded machine, so a refused connection is retried for up to {@value #CONNECT_RETRY_MILLIS} ms.
     */
    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        long until = System.nanoTime() + CONNECT_RETRY_MILLIS * 1_000_000L;
        while (true) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }
}
