package dev.vireo.meetings;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.sun.net.httpserver.HttpExchange;
import dev.vireo.auth.AccessToken;
import dev.vireo.auth.AdminKey;
import dev.vireo.auth.Role;
import dev.vireo.auth.TokenRejectedException;
import dev.vireo.auth.Tokens;
import dev.vireo.http.ApiRoute;
import dev.vireo.http.HttpReplies;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The meetings REST API under {@code /api/meetings} (docs/api.md). Every call but the {@code .ics} download needs the
 * admin key as {@code Authorization: Bearer KEY}: none or a wrong one is 401, an access token (JWT) instead is 403.
 */
public final class MeetingsRoute implements ApiRoute {
    private static final Logger LOG = Logger.getLogger(MeetingsRoute.class.getName());
    private static final String PREFIX = "/api/meetings";
    private static final Pattern ITEM = Pattern.compile("/api/meetings/([a-z0-9]{1,32})(\\.ics|/tokens)?");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");
    private static final int MAX_BODY = 16 * 1024;
    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    static final Duration MAX_WINDOW = Duration.ofDays(366);
    static final long MIN_TTL_SECONDS = 60;
    static final long MAX_TTL_SECONDS = 366L * 24 * 3600;
    static final long DEFAULT_TTL_SECONDS = 24 * 3600;

    private final MeetingService meetings;
    private final AdminKey adminKey;
    private final Tokens tokens;
    private final Clock clock;

    public MeetingsRoute(MeetingService meetings, AdminKey adminKey, Tokens tokens, Clock clock) {
        this.meetings = meetings;
        this.adminKey = adminKey;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public boolean handle(HttpExchange exchange, String path) throws IOException {
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return false;
        }
        try {
            route(exchange, path);
        } catch (InvalidFieldException e) {
            HttpReplies.fieldError(exchange, 400, e.field() == null ? "bad-json" : "invalid-field", e.field(),
                    e.getMessage());
        } catch (HttpReplies.BodyTooLargeException e) {
            HttpReplies.error(exchange, 413, "too-large", e.getMessage());
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "meetings database call failed", e);
            HttpReplies.error(exchange, 503, "database-unavailable", "the meetings database failed; try again");
        }
        return true;
    }

    private void route(HttpExchange exchange, String path) throws IOException, InvalidFieldException, SQLException {
        String method = exchange.getRequestMethod();
        if (path.equals(PREFIX)) {
            switch (method) {
                case "GET", "HEAD" -> {
                    if (authorized(exchange)) {
                        list(exchange);
                    }
                }
                case "POST" -> {
                    if (authorized(exchange)) {
                        create(exchange);
                    }
                }
                default -> notAllowed(exchange, "GET, HEAD, POST");
            }
            return;
        }
        Matcher m = ITEM.matcher(path);
        if (!m.matches()) {
            HttpReplies.error(exchange, 404, "not-found", "no such meeting");
            return;
        }
        String id = m.group(1);
        String suffix = m.group(2);
        if (".ics".equals(suffix)) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                notAllowed(exchange, "GET, HEAD");
                return;
            }
            ics(exchange, id);
            return;
        }
        if ("/tokens".equals(suffix)) {
            if (!method.equals("POST")) {
                notAllowed(exchange, "POST");
            } else if (authorized(exchange)) {
                issueToken(exchange, id);
            }
            return;
        }
        switch (method) {
            case "GET", "HEAD" -> {
                if (authorized(exchange)) {
                    Optional<Meeting> found = meetings.find(id);
                    if (found.isEmpty()) {
                        notFound(exchange, id);
                    } else {
                        HttpReplies.json(exchange, 200, view(exchange, found.get()));
                    }
                }
            }
            case "PATCH" -> {
                if (authorized(exchange)) {
                    MeetingInput in = MeetingInput.read(body(exchange), false);
                    Optional<Meeting> changed = meetings.update(id, in);
                    if (changed.isEmpty()) {
                        notFound(exchange, id);
                    } else {
                        HttpReplies.json(exchange, 200, view(exchange, changed.get()));
                    }
                }
            }
            case "DELETE" -> {
                if (authorized(exchange)) {
                    if (meetings.delete(id)) {
                        HttpReplies.send(exchange, 204, null, new byte[0]);
                    } else {
                        notFound(exchange, id);
                    }
                }
            }
            default -> notAllowed(exchange, "GET, HEAD, PATCH, DELETE");
        }
    }

    private void create(HttpExchange exchange) throws IOException, InvalidFieldException, SQLException {
        MeetingInput in = MeetingInput.read(body(exchange), true);
        Meeting created;
        try {
            created = meetings.create(in);
        } catch (MeetingStore.RoomTakenException e) {
            HttpReplies.fieldError(exchange, 409, "room-taken", "room", e.getMessage());
            return;
        }
        MeetingViews.MeetingView view = view(exchange, created);
        exchange.getResponseHeaders().set("Location", PREFIX + "/" + created.id());
        HttpReplies.json(exchange, 201, view);
    }

    private void list(HttpExchange exchange) throws IOException, InvalidFieldException, SQLException {
        Map<String, String> query = query(exchange.getRequestURI());
        Instant from = query.containsKey("from") ? time(query.get("from"), "from") : clock.instant();
        Instant to = query.containsKey("to") ? time(query.get("to"), "to") : from.plus(DEFAULT_WINDOW);
        if (!to.isAfter(from)) {
            throw new InvalidFieldException("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidFieldException("to", "must be at most 366 days after from");
        }
        String base = baseUrl(exchange);
        Map<String, String> hostTokens = new HashMap<>();
        List<MeetingViews.OccurrenceView> views = meetings.occurrences(from, to).stream()
                .map(o -> MeetingViews.occurrence(o, base,
                        hostTokens.computeIfAbsent(o.meeting().id(), k -> meetings.hostToken(o.meeting()))))
                .toList();
        HttpReplies.json(exchange, 200, new MeetingViews.OccurrenceList(MeetingViews.instant(from),
                MeetingViews.instant(to), views));
    }

    private void ics(HttpExchange exchange, String id) throws IOException, SQLException {
        Optional<Meeting> found = meetings.find(id);
        if (found.isEmpty()) {
            notFound(exchange, id);
            return;
        }
        Meeting m = found.get();
        String calendar = ICalendar.of(m, MeetingViews.joinUrl(baseUrl(exchange), m), clock.instant());
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"meeting-" + m.id() + ".ics\"");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HttpReplies.send(exchange, 200, "text/calendar; charset=utf-8", calendar.getBytes(StandardCharsets.UTF_8));
    }

    private void issueToken(HttpExchange exchange, String id) throws IOException, InvalidFieldException, SQLException {
        JsonObject body = body(exchange);
        for (String key : body.keySet()) {
            if (!List.of("name", "role", "ttlSeconds", "identity").contains(key)) {
                throw new InvalidFieldException(key, "unknown field (fields: name, role, ttlSeconds, identity)");
            }
        }
        String name = string(body, "name");
        if (name == null || name.isBlank() || name.strip().codePointCount(0, name.strip().length()) > 64
                || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException("name", "is required: 1-64 characters without control characters");
        }
        String roleText = string(body, "role");
        Role role = Role.parse(roleText);
        if (role == null) {
            throw new InvalidFieldException("role", "must be host, participant or viewer");
        }
        long ttl = DEFAULT_TTL_SECONDS;
        JsonElement t = body.get("ttlSeconds");
        if (t != null && !t.isJsonNull()) {
            if (!(t.isJsonPrimitive() && t.getAsJsonPrimitive().isNumber()) || !t.getAsString().matches("\\d{1,12}")) {
                throw new InvalidFieldException("ttlSeconds", "must be a whole number of seconds");
            }
            ttl = t.getAsLong();
            if (ttl < MIN_TTL_SECONDS || ttl > MAX_TTL_SECONDS) {
                throw new InvalidFieldException("ttlSeconds", "must be " + MIN_TTL_SECONDS + "-" + MAX_TTL_SECONDS);
            }
        }
        String identity = string(body, "identity");
        if (identity != null && !identity.matches("[A-Za-z0-9_.@\\-]{1,64}")) {
            throw new InvalidFieldException("identity", "must be 1-64 characters of A-Z a-z 0-9 _ . @ -");
        }
        Optional<Meeting> found = meetings.find(id);
        if (found.isEmpty()) {
            notFound(exchange, id);
            return;
        }
        AccessToken token = meetings.token(found.get(), identity, name.strip(), role, Duration.ofSeconds(ttl));
        String compact = meetings.sign(token);
        HttpReplies.json(exchange, 201, new MeetingViews.TokenView(compact, token.room(), token.identity(),
                token.name(), role.wireName(), MeetingViews.instant(token.expiresAt()),
                MeetingViews.joinUrl(baseUrl(exchange), found.get()) + "?token=" + compact));
    }

    private MeetingViews.MeetingView view(HttpExchange exchange, Meeting m) {
        return MeetingViews.meeting(m, baseUrl(exchange), meetings.hostToken(m));
    }

    /** Answers 401/403 itself and returns false when the caller may not manage meetings. */
    private boolean authorized(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (adminKey.authorizes(header)) {
            return true;
        }
        String bearer = AdminKey.bearer(header);
        if (bearer == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"vireo\"");
            HttpReplies.error(exchange, 401, "unauthorized", "send the admin key as Authorization: Bearer KEY");
            return false;
        }
        try {
            tokens.verify(bearer, null);
            HttpReplies.error(exchange, 403, "forbidden", "an access token cannot manage meetings; use the admin key");
        } catch (TokenRejectedException e) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"vireo\", error=\"invalid_token\"");
            HttpReplies.error(exchange, 401, "unauthorized", "the admin key is not valid");
        }
        return false;
    }

    private static JsonObject body(HttpExchange exchange) throws IOException, InvalidFieldException {
        byte[] raw = HttpReplies.readBody(exchange, MAX_BODY);
        JsonElement root;
        try {
            root = JsonParser.parseString(new String(raw, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new InvalidFieldException(null, "the body is not valid JSON");
        }
        if (root == null || !root.isJsonObject()) {
            throw new InvalidFieldException(null, "the body must be a JSON object");
        }
        return root.getAsJsonObject();
    }

    private static String string(JsonObject body, String field) throws InvalidFieldException {
        JsonElement e = body.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!(e.isJsonPrimitive() && ((JsonPrimitive) e).isString())) {
            throw new InvalidFieldException(field, "must be a string");
        }
        return e.getAsString();
    }

    private static Instant time(String text, String field) throws InvalidFieldException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be an ISO-8601 date and time with an offset, like "
                    + "2026-11-24T00:00:00Z");
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** http(s)://host:port of the request, from the Host header when it is a plain host name or address. */
    static String baseUrl(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !HOST.matcher(host).matches()) {
            host = "localhost:" + exchange.getLocalAddress().getPort();
        }
        String proto = exchange.getRequestHeaders().getFirst("X-Forwarded-Proto");
        return ("https".equalsIgnoreCase(proto) ? "https" : "http") + "://" + host;
    }

    private static void notFound(HttpExchange exchange, String id) throws IOException {
        HttpReplies.error(exchange, 404, "not-found", "no meeting " + id);
    }

    private static void notAllowed(HttpExchange exchange, String allow) throws IOException {
        exchange.getResponseHeaders().set("Allow", allow);
        HttpReplies.error(exchange, 405, "method-not-allowed", "use " + allow);
    }
}
