package dev.vireo.meetings;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vireo.server.ServerConfig;
import dev.vireo.server.VireoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

/** A test's view of the meetings API of a real server on loopback. */
final class MeetingsApi {
    static final String ADMIN_KEY = "test-admin-key-0123456789";
    static final String TOKEN_SECRET = "test-token-secret-0123456789-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response: status, body, and the body as JSON when it is an object. */
    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final int port;

    MeetingsApi(int port) {
        this.port = port;
    }

    static ServerConfig config(Path dataDir, ServerConfig.Meetings meetings) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        return new ServerConfig(loopback, 0, 0, 0, loopback, dataDir, List.of("127.0.0.0/8"), Duration.ofSeconds(5),
                65536, 50, 100, Level.INFO)
                .withAccess(new ServerConfig.Access(ADMIN_KEY, TOKEN_SECRET, true))
                .withMeetings(meetings);
    }

    static VireoServer start(Path dataDir) throws IOException {
        return VireoServer.start(config(dataDir, ServerConfig.Meetings.DEFAULT));
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    Reply call(String method, String path, String body) {
        return call(method, path, body, "Bearer " + ADMIN_KEY);
    }

    Reply call(String method, String path, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
