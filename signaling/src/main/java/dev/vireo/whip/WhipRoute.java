package dev.vireo.whip;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.vireo.auth.AccessDeniedException;
import dev.vireo.auth.AdminKey;
import dev.vireo.auth.RoomAccess;
import dev.vireo.http.ApiRoute;
import dev.vireo.http.HttpReplies;
import dev.vireo.sdp.LocalTransport;
import dev.vireo.sfu.NegotiationException;
import dev.vireo.signaling.HeadlessClient;
import dev.vireo.signaling.MediaPlane;
import dev.vireo.signaling.SignalingServer;
import dev.vireo.signaling.ViewerMedia;
import dev.vireo.signaling.messages.IceServer;
import dev.vireo.signaling.messages.Joined;
import dev.vireo.signaling.messages.ProtocolException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WHIP (RFC 9725) at {@code /whip/{room}} and WHEP (draft-ietf-wish-whep) at {@code /whep/{room}}: POST an SDP offer,
 * get {@code 201 Created} with the answer, the session's {@code Location} and {@code ETag} and the ICE servers as
 * {@code Link} headers; PATCH the session with a trickle-ICE fragment (candidates, or new credentials for an ICE
 * restart); DELETE it to leave. See {@code docs/whip-whep.md}.
 *
 * <p>A WHIP publisher is a signaling participant without a WebSocket ({@link HeadlessClient}), so it enters rooms
 * under the same rules and the others see it join. A WHEP viewer is media only: the SFU answers its offer and feeds it
 * the room's publisher.
 */
public final class WhipRoute implements ApiRoute {
    private static final Logger LOG = Logger.getLogger(WhipRoute.class.getName());
    private static final Pattern PATH =
            Pattern.compile("/(whip|whep)/([A-Za-z0-9_.-]{1,64})(?:/([A-Za-z0-9_-]{1,64}))?/?");
    private static final Pattern PARTICIPANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_SDP = 64 * 1024;
    private static final String SDP = "application/sdp";
    private static final String SDPFRAG = "application/trickle-ice-sdpfrag";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The display name a WHIP publisher joins with when its token sets none. */
    private static final String WHIP_NAME = "WHIP publisher";

    /** One WHIP publisher or WHEP viewer. Mutable fields change under the session's monitor. */
    private abstract static class Session {
        final String id;
        final String room;
        String etag;
        String remoteUfrag;

        Session(String id, String room, String remoteUfrag) {
            this.id = id;
            this.room = room;
            this.remoteUfrag = remoteUfrag;
            this.etag = newEtag();
        }

        /** Ends the session's media and stay. */
        abstract void close(String reason);
    }

    private static final class Publisher extends Session {
        final HeadlessClient client;
        String offer;

        Publisher(String id, String room, HeadlessClient client, String offer, String remoteUfrag) {
            super(id, room, remoteUfrag);
            this.client = client;
            this.offer = offer;
        }

        @Override
        void close(String reason) {
            client.leave();
        }
    }

    private static final class Watcher extends Session {
        ViewerMedia media;

        Watcher(String id, String room, String remoteUfrag) {
            super(id, room, remoteUfrag);
        }

        @Override
        void close(String reason) {
            ViewerMedia m = media;
            if (m != null) {
                m.close(reason);
            }
        }
    }

    private final SignalingServer signaling;
    private final MediaPlane media;
    private final RoomAccess access;
    private final Supplier<List<IceServer>> iceServers;
    private final Predicate<String> waitingRooms;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    /**
     * @param iceServers   the ICE servers to announce, the same list signaling's {@code joined} carries
     * @param waitingRooms rooms a WHEP viewer may enter before anyone publishes (streams): it waits for the host
     */
    public WhipRoute(SignalingServer signaling, MediaPlane media, RoomAccess access,
                     Supplier<List<IceServer>> iceServers, Predicate<String> waitingRooms) {
        this.signaling = signaling;
        this.media = media;
        this.access = access;
        this.iceServers = iceServers;
        this.waitingRooms = waitingRooms;
    }

    /** Closes every WHIP and WHEP session of a room (the stream was stopped). */
    public void endRoom(String room, String reason) {
        for (Session s : sessions.values()) {
            if (s.room.equals(room) && sessions.remove(s.id, s)) {
                s.close(reason);
            }
        }
    }

    /** WHEP viewers in a room now. */
    public int watchers(String room) {
        int n = 0;
        for (Session s : sessions.values()) {
            if (s instanceof Watcher && s.room.equals(room)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean handle(HttpExchange exchange, String path) throws IOException {
        if (!path.startsWith("/whip/") && !path.startsWith("/whep/")) {
            return false;
        }
        cors(exchange.getResponseHeaders());
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            HttpReplies.error(exchange, 404, "not-found", "expected /whip/{room} or /whep/{room}, room names being "
                    + "1-64 characters of A-Z a-z 0-9 _ - .");
            return true;
        }
        boolean whip = m.group(1).equals("whip");
        String room = m.group(2);
        String sessionId = m.group(3);
        String method = exchange.getRequestMethod();
        if (method.equals("OPTIONS")) {
            options(exchange, sessionId == null);
        } else if (sessionId == null) {
            if (method.equals("POST")) {
                if (whip) {
                    publish(exchange, room);
                } else {
                    watch(exchange, room);
                }
            } else {
                notAllowed(exchange, "POST, OPTIONS");
            }
        } else {
            Session session = sessions.get(sessionId);
            if (session == null || !session.room.equals(room) || (session instanceof Publisher) != whip) {
                HttpReplies.error(exchange, 404, "session-not-found", "no " + m.group(1).toUpperCase(Locale.ROOT)
                        + " session " + sessionId + " in room " + room + " (it may have ended)");
            } else if (method.equals("PATCH")) {
                patch(exchange, session);
            } else if (method.equals("DELETE")) {
                if (sessions.remove(session.id, session)) {
                    session.close("deleted");
                }
                HttpReplies.send(exchange, 200, null, new byte[0]);
            } else {
                notAllowed(exchange, "PATCH, DELETE, OPTIONS");
            }
        }
        return true;
    }

    private void publish(HttpExchange exchange, String room) throws IOException {
        String offer = readSdp(exchange);
        if (offer == null) {
            return;
        }
        String token = AdminKey.bearer(exchange.getRequestHeaders().getFirst("Authorization"));
        if (token == null) {
            unauthorized(exchange, "publishing needs Authorization: Bearer <access token that may publish>");
            return;
        }
        String id = newId();
        HeadlessClient client = signaling.headlessClient("whip#" + id.substring(0, 8));
        Joined joined;
        try {
            joined = client.join(room, WHIP_NAME, token);
        } catch (ProtocolException e) {
            refuse(exchange, e);
            return;
        }
        if (!joined.mayPublish()) {
            client.leave();
            HttpReplies.error(exchange, 403, "forbidden", "a " + joined.role() + " may not publish in this "
                    + joined.roomKind() + " room");
            return;
        }
        String answer;
        try {
            answer = client.publish(offer);
        } catch (ProtocolException e) {
            client.leave();
            refuse(exchange, e);
            return;
        }
        Publisher session = new Publisher(id, room, client, offer, attribute(offer, "ice-ufrag"));
        sessions.put(id, session);
        client.onEnded(reason -> {
            if (sessions.remove(id, session)) {
                LOG.fine(() -> "WHIP session " + id + " in room " + room + " ended: " + reason);
            }
        });
        created(exchange, "/whip/" + room + "/" + id, session.etag, answer);
    }

    private void watch(HttpExchange exchange, String room) throws IOException {
        String offer = readSdp(exchange);
        if (offer == null) {
            return;
        }
        String token = AdminKey.bearer(exchange.getRequestHeaders().getFirst("Authorization"));
        try {
            access.admit(room, token);
        } catch (AccessDeniedException e) {
            if (e.reason() == AccessDeniedException.Reason.UNAUTHORIZED) {
                unauthorized(exchange, e.getMessage());
            } else {
                HttpReplies.error(exchange, e.reason().httpStatus(), e.reason().code(), e.getMessage());
            }
            return;
        }
        String participant = queryParameter(exchange, "participant");
        List<String> publishers = media.roomMedia(room).publishers();
        if (participant != null && (!PARTICIPANT.matcher(participant).matches()
                || !publishers.contains(participant))) {
            HttpReplies.fieldError(exchange, 404, "participant-not-found", "participant",
                    "participant " + participant + " does not publish in room " + room);
            return;
        }
        if (publishers.isEmpty() && !waitingRooms.test(room)) {
            HttpReplies.error(exchange, 404, "room-not-found", "nobody publishes in room " + room);
            return;
        }
        String id = newId();
        Watcher session = new Watcher(id, room, attribute(offer, "ice-ufrag"));
        ViewerMedia viewer;
        try {
            viewer = media.watch(room, "whep-" + id.substring(0, 8), offer, participant, reason -> {
                if (sessions.remove(id, session)) {
                    LOG.fine(() -> "WHEP session " + id + " in room " + room + " ended: " + reason);
                }
            });
        } catch (NegotiationException e) {
            HttpReplies.error(exchange, 400, "invalid-sdp", e.getMessage());
            return;
        }
        session.media = viewer;
        sessions.put(id, session);
        created(exchange, "/whep/" + room + "/" + id, session.etag, viewer.answer());
    }

    private void patch(HttpExchange exchange, Session session) throws IOException {
        if (!hasType(exchange, SDPFRAG)) {
            exchange.getResponseHeaders().set("Accept-Patch", SDPFRAG);
            HttpReplies.error(exchange, 415, "unsupported-media-type", "PATCH needs Content-Type: " + SDPFRAG);
            return;
        }
        String body = new String(HttpReplies.readBody(exchange, MAX_SDP), StandardCharsets.UTF_8);
        SdpFragment fragment;
        try {
            fragment = SdpFragment.parse(body);
        } catch (SdpFragment.MalformedException e) {
            HttpReplies.error(exchange, 400, "invalid-sdpfrag", e.getMessage());
            return;
        }
        synchronized (session) {
            String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
            if (ifMatch != null && !ifMatch.strip().equals("*") && !ifMatch.strip().equals(session.etag)) {
                HttpReplies.error(exchange, 412, "precondition-failed", "If-Match " + ifMatch
                        + " is not the session's current ETag (an ICE restart changed it)");
                return;
            }
            try {
                if (fragment.iceUfrag() != null && !fragment.iceUfrag().equals(session.remoteUfrag)) {
                    String answerFragment = restartIce(session, fragment);
                    session.remoteUfrag = fragment.iceUfrag();
                    session.etag = newEtag();
                    exchange.getResponseHeaders().set("ETag", session.etag);
                    HttpReplies.send(exchange, 200, SDPFRAG, answerFragment.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                for (String candidate : fragment.candidates()) {
                    trickle(session, candidate, fragment.mid());
                }
            } catch (ProtocolException | NegotiationException e) {
                HttpReplies.error(exchange, 400, "invalid-sdpfrag", e.getMessage());
                return;
            }
        }
        HttpReplies.send(exchange, 204, null, new byte[0]);
    }

    private static void trickle(Session session, String candidate, String mid)
            throws ProtocolException, NegotiationException {
        if (session instanceof Publisher p) {
            p.client.candidate(candidate, mid);
        } else {
            ((Watcher) session).media.addRemoteCandidate(candidate);
        }
    }

    /** Returns the fragment to answer with: the server's new credentials and candidates. */
    private static String restartIce(Session session, SdpFragment fragment)
            throws ProtocolException, NegotiationException {
        if (session instanceof Watcher w) {
            LocalTransport local = w.media.restartIce(fragment.iceUfrag(), fragment.icePwd(), fragment.candidates());
            return SdpFragment.answer(local.iceUfrag(), local.icePwd(), local.candidates());
        }
        // A publisher restarts ICE as a new offer with the new credentials: the SFU gives it a fresh transport.
        Publisher p = (Publisher) session;
        String offer = p.offer.replaceAll("(?m)^a=ice-ufrag:.*$", "a=ice-ufrag:" + fragment.iceUfrag())
                .replaceAll("(?m)^a=ice-pwd:.*$", "a=ice-pwd:" + fragment.icePwd())
                .replaceAll("(?m)^a=candidate:.*\r?\n", "");
        String answer = p.client.publish(offer);
        p.offer = offer;
        for (String candidate : fragment.candidates()) {
            p.client.candidate(candidate, fragment.mid());
        }
        return SdpFragment.answer(attribute(answer, "ice-ufrag"), attribute(answer, "ice-pwd"),
                answer.lines().filter(l -> l.startsWith("a=candidate:")).map(l -> l.substring(2)).distinct()
                        .toList());
    }

    private void options(HttpExchange exchange, boolean endpoint) throws IOException {
        Headers h = exchange.getResponseHeaders();
        h.set("Access-Control-Allow-Methods", endpoint ? "POST, OPTIONS" : "PATCH, DELETE, OPTIONS");
        h.set("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match");
        h.set("Access-Control-Max-Age", "86400");
        h.set("Allow", endpoint ? "POST, OPTIONS" : "PATCH, DELETE, OPTIONS");
        if (endpoint) {
            h.set("Accept-Post", SDP);
            links(h);
        } else {
            h.set("Accept-Patch", SDPFRAG);
        }
        HttpReplies.send(exchange, 204, null, new byte[0]);
    }

    private void created(HttpExchange exchange, String location, String etag, String answer) throws IOException {
        Headers h = exchange.getResponseHeaders();
        h.set("Location", location);
        h.set("ETag", etag);
        h.set("Accept-Patch", SDPFRAG);
        links(h);
        HttpReplies.send(exchange, 201, SDP, answer.getBytes(StandardCharsets.UTF_8));
    }

    private void links(Headers h) {
        for (String link : IceServerLinks.of(iceServers.get())) {
            h.add("Link", link);
        }
    }

    private static void cors(Headers h) {
        h.set("Access-Control-Allow-Origin", "*");
        h.set("Access-Control-Expose-Headers", "Location, ETag, Link, Accept-Patch, Accept-Post");
    }

    /** The offer, or null after answering 415 / 400. */
    private static String readSdp(HttpExchange exchange) throws IOException {
        if (!hasType(exchange, SDP)) {
            exchange.getResponseHeaders().set("Accept-Post", SDP);
            HttpReplies.error(exchange, 415, "unsupported-media-type", "POST an SDP offer with Content-Type: " + SDP);
            return null;
        }
        String offer = new String(HttpReplies.readBody(exchange, MAX_SDP), StandardCharsets.UTF_8);
        if (offer.isBlank()) {
            HttpReplies.error(exchange, 400, "invalid-sdp", "the body must be an SDP offer");
            return null;
        }
        return offer;
    }

    private static boolean hasType(HttpExchange exchange, String type) {
        String value = exchange.getRequestHeaders().getFirst("Content-Type");
        if (value == null) {
            return false;
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().equalsIgnoreCase(type);
    }

    private static void refuse(HttpExchange exchange, ProtocolException e) throws IOException {
        switch (e.code()) {
            case UNAUTHORIZED -> unauthorized(exchange, e.getMessage());
            case FORBIDDEN -> HttpReplies.error(exchange, 403, "forbidden", e.getMessage());
            case ROOM_NOT_FOUND -> HttpReplies.error(exchange, 404, "room-not-found", e.getMessage());
            case ROOM_CLOSED -> HttpReplies.error(exchange, 409, "room-closed", e.getMessage());
            case INVALID_SDP -> HttpReplies.error(exchange, 400, "invalid-sdp", e.getMessage());
            case INTERNAL -> HttpReplies.error(exchange, 500, "internal", e.getMessage());
            default -> HttpReplies.error(exchange, 400, e.code().wireName(), e.getMessage());
        }
    }

    private static void unauthorized(HttpExchange exchange, String message) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        HttpReplies.error(exchange, 401, "unauthorized", message);
    }

    private static void notAllowed(HttpExchange exchange, String allow) throws IOException {
        exchange.getResponseHeaders().set("Allow", allow);
        HttpReplies.error(exchange, 405, "method-not-allowed", exchange.getRequestMethod() + " is not supported here");
    }

    /** The value of the first {@code a=NAME:} line of an SDP, or null. */
    private static String attribute(String sdp, String name) {
        Matcher m = Pattern.compile("(?m)^a=" + Pattern.quote(name) + ":(\\S+)").matcher(sdp);
        return m.find() ? m.group(1) : null;
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String newEtag() {
        return "\"" + newId().substring(0, 12) + "\"";
    }
}
