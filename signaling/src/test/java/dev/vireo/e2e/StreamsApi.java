package dev.vireo.e2e;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The streams API, WHIP and WHEP as a test client drives them over real HTTP. */
final class StreamsApi {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String adminKey;

    StreamsApi(VireoTestServer server) {
        this(server.baseUrl(), server.adminKey());
    }

    /** The API of any server, e.g. a {@link ServerProcess}. */
    StreamsApi(String baseUrl, String adminKey) {
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
    }

    /** A response: status, headers and body. */
    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** Creates a stream as the admin; fails unless 201. */
    JsonObject create(String title, boolean isPublic) {
        Reply r = send("POST", "/api/streams", adminKey, "application/json",
                "{\"title\":\"" + title + "\",\"public\":" + isPublic + "}");
        if (r.status() != 201) {
            throw new AssertionError("create stream: " + r.status() + " " + r.body());
        }
        return r.json();
    }

    JsonObject get(String id) {
        Reply r = send("GET", "/api/streams/" + id, null, null, null);
        if (r.status() != 200) {
            throw new AssertionError("get stream: " + r.status() + " " + r.body());
        }
        return r.json();
    }

    Reply stop(String id) {
        return send("DELETE", "/api/streams/" + id, adminKey, null, null);
    }

    String adminKey() {
        return adminKey;
    }

    /** Any request; {@code bearer} and {@code contentType} may be null. */
    Reply send(String method, String path, String bearer, String contentType, String body) {
        return send(method, path, bearer, contentType, body, null);
    }

    Reply send(String method, String path, String bearer, String contentType, String body, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
