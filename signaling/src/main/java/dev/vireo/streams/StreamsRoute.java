package dev.vireo.streams;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import dev.vireo.auth.AdminKey;
import dev.vireo.auth.Role;
import dev.vireo.http.ApiRoute;
import dev.vireo.http.HttpReplies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The streams API (see {@code docs/whip-whep.md}):
 * <pre>
 * POST   /api/streams               {title, public}  → 201 {stream..., whipUrl, watchUrl, publishToken}   (admin key)
 * GET    /api/streams               → {streams: [...]}   (private ones only with the admin key)
 * GET    /api/streams/{id}          → {stream...}
 * DELETE /api/streams/{id}          → 200 {stream...} with state "ended"; everyone in it is disconnected (admin key)
 * POST   /api/streams/{id}/tokens   {role, name} → 201 {token}   (admin key)
 * </pre>
 */
public final class StreamsRoute implements ApiRoute {
    private static final Logger LOG = Logger.getLogger(StreamsRoute.class.getName());
    private static final Pattern ITEM = Pattern.compile("/api/streams/([a-z0-9]{1,64})(/tokens)?");
    private static final int MAX_BODY = 16 * 1024;
    private static final int MAX_TITLE = 200;
    private static final Duration EXTRA_TOKEN_LIFETIME = Duration.ofHours(12);

    private final Streams streams;
    private final AdminKey adminKey;

    public StreamsRoute(Streams streams, AdminKey adminKey) {
        this.streams = streams;
        this.adminKey = adminKey;
    }


    @Override
    public boolean handle(HttpExchange exchange, String path) throws IOException {
        if (!path.equals("/api/streams") && !path.startsWith("/api/streams/")) {
            return false;
        }
        try {
            route(exchange, path);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "streams database call failed", e);
            HttpReplies.error(exchange, 503, "database-unavailable", "the streams database failed; try again");
        }
        return true;
    }

    private void route(HttpExchange exchange, String path) throws IOException, SQLException {
        if (path.equals("/api/streams")) {
            collection(exchange);
            return;
        }
        Matcher m = ITEM.matcher(path);
        if (!m.matches()) {
            HttpReplies.error(exchange, 404, "not-found", "no stream at " + path);
            return;
        }
        if (m.group(2) != null) {
            tokens(exchange, m.group(1));
        } else {
            item(exchange, m.group(1));
        }
    }

    private void collection(HttpExchange exchange) throws IOException, SQLException {
        switch (exchange.getRequestMethod()) {
            case "GET", "HEAD" -> {
                boolean admin = adminKey.authorizes(exchange.getRequestHeaders().getFirst("Authorization"));
                HttpReplies.json(exchange, 200, Map.of("streams", streams.list(admin).stream()
                        .map(s -> locate(exchange, s)).toList()));
            }
            case "POST" -> create(exchange);
            default -> notAllowed(exchange, "GET, POST");
        }
    }

    private void create(HttpExchange exchange) throws IOException, SQLException {
        if (!requireAdmin(exchange)) {
            return;
        }
        JsonObject body = jsonBody(exchange);
        if (body == null) {
            return;
        }
        JsonElement title = body.get("title");
        if (title == null || !title.isJsonPrimitive() || !title.getAsJsonPrimitive().isString()
                || title.getAsString().isBlank()) {
            HttpReplies.fieldError(exchange, 400, "bad-request", "title", "title must be a non-empty string");
            return;
        }
        if (title.getAsString().strip().length() > MAX_TITLE) {
            HttpReplies.fieldError(exchange, 400, "bad-request", "title",
                    "title must be at most " + MAX_TITLE + " characters");
            return;
        }
        JsonElement isPublic = body.get("public");
        if (isPublic != null && (!isPublic.isJsonPrimitive() || !isPublic.getAsJsonPrimitive().isBoolean())) {
            HttpReplies.fieldError(exchange, 400, "bad-request", "public", "public must be true or false");
            return;
        }
        Streams.Created created = streams.create(title.getAsString().strip(), isPublic == null || isPublic.getAsBoolean());
        JsonObject reply = locate(exchange, created.stream());
        reply.addProperty("publishToken", created.publishToken());
        exchange.getResponseHeaders().set("Location", "/api/streams/" + created.stream().id());
        HttpReplies.json(exchange, 201, reply);
    }

    private void item(HttpExchange exchange, String id) throws IOException, SQLException {
        switch (exchange.getRequestMethod()) {
            case "GET", "HEAD" -> {
                Optional<Streams.View> stream = streams.get(id);
                if (stream.isEmpty()) {
                    HttpReplies.error(exchange, 404, "not-found", "no stream " + id);
                } else {
                    HttpReplies.json(exchange, 200, locate(exchange, stream.get()));
                }
            }
            case "DELETE" -> {
                if (!requireAdmin(exchange)) {
                    return;
                }
                Optional<Streams.View> stopped = streams.stop(id);
                if (stopped.isEmpty()) {
                    HttpReplies.error(exchange, 404, "not-found", "no stream " + id);
                } else {
                    HttpReplies.json(exchange, 200, locate(exchange, stopped.get()));
                }
            }
            default -> notAllowed(exchange, "GET, DELETE");
        }
    }

    private void tokens(HttpExchange exchange, String id) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            notAllowed(exchange, "POST");
            return;
        }
        if (!requireAdmin(exchange)) {
            return;
        }
        JsonObject body = jsonBody(exchange);
        if (body == null) {
            return;
        }
        JsonElement roleField = body.get("role");
        Role role = roleField != null && roleField.isJsonPrimitive() ? Role.parse(roleField.getAsString()) : null;
        if (role == null) {
            HttpReplies.fieldError(exchange, 400, "bad-request", "role", "role must be host, participant or viewer");
            return;
        }
        JsonElement nameField = body.get("name");
        if (nameField != null && (!nameField.isJsonPrimitive() || nameField.getAsString().isBlank()
                || nameField.getAsString().length() > 64)) {
            HttpReplies.fieldError(exchange, 400, "bad-request", "name", "name must be 1-64 characters");
            return;
        }
        Optional<String> token = streams.issueToken(id, role, nameField == null ? null : nameField.getAsString(),
                EXTRA_TOKEN_LIFETIME);
        if (token.isEmpty()) {
            HttpReplies.error(exchange, 404, "not-found", "no running stream " + id);
            return;
        }
        HttpReplies.json(exchange, 201, Map.of("token", token.get()));
    }

    private boolean requireAdmin(HttpExchange exchange) throws IOException {
        if (adminKey.authorizes(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        HttpReplies.error(exchange, 401, "unauthorized", "this call needs Authorization: Bearer <admin key>");
        return false;
    }

    /** The body as a JSON object, or null after answering 400. */
    private static JsonObject jsonBody(HttpExchange exchange) throws IOException {
        String text = new String(HttpReplies.readBody(exchange, MAX_BODY), StandardCharsets.UTF_8);
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (parsed.isJsonObject()) {
                return parsed.getAsJsonObject();
            }
        } catch (JsonParseException | IllegalStateException e) {
            // answered below
        }
        HttpReplies.error(exchange, 400, "bad-json", "the body must be a JSON object");
        return null;
    }

    private static void notAllowed(HttpExchange exchange, String allow) throws IOException {
        exchange.getResponseHeaders().set("Allow", allow);
        HttpReplies.error(exchange, 405, "method-not-allowed", exchange.getRequestMethod() + " is not supported here");
    }

    /** The stream's fields with where it is published and watched. */
    private static JsonObject locate(HttpExchange exchange, Streams.View stream) {
        String base = baseUrl(exchange);
        JsonObject out = HttpReplies.gson().toJsonTree(stream).getAsJsonObject();
        out.addProperty("whipUrl", base + "/whip/" + stream.room());
        out.addProperty("watchUrl", base + "/watch/" + stream.room());
        return out;
    }

    /** The scheme and authority the client used, so the URLs work from where it stands. */
    static String baseUrl(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")) {
            host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        }
        return "http://" + host;
    }
}
