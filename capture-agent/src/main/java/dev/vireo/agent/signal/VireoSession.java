package dev.vireo.agent.signal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCPeerConnectionState;

import dev.vireo.agent.AgentOptions;
import dev.vireo.agent.StatusBoard;
import dev.vireo.agent.rtc.MediaEngine;
import dev.vireo.agent.rtc.PublishConnection;

/**
 * Vireo's WebSocket signaling (docs/signaling.md, version 1) for a publish-only participant: {@code join} (with the
 * token), {@code publish-offer} / {@code publish-answer}, trickled candidates for {@code pc: publish}. Subscribe
 * offers are not answered: the agent receives nothing.
 *
 * <p>Every event (a message, the socket closing, a local candidate, a PeerConnection state) goes through one queue
 * and is handled on the thread that called {@link #publish}, so the session's state needs no locks.
 *
 * <p>Across reconnects the session keeps its participant id and resume token, so a dropped connection to a server
 * that is still up resumes the same participant (viewers keep their track); the old PeerConnection stays open
 * until the new {@code joined} arrives, as the protocol asks.
 */
public final class VireoSession implements PublishSession {
    private static final Logger LOG = Logger.getLogger(VireoSession.class.getName());
    private static final long JOIN_TIMEOUT_MILLIS = 5000;
    /** How long a disconnected PeerConnection may take to recover before the session starts over. */
    private static final long DISCONNECTED_GRACE_MILLIS = 4000;

    private sealed interface Event permits Message, Closed, LocalCandidate, PcState, Stop {
    }

    private record Message(JsonObject json) implements Event {
    }

    private record Closed(int code, String reason) implements Event {
    }

    private record LocalCandidate(String candidate, String mid, int index) implements Event {
    }

    private record PcState(RTCPeerConnectionState state) implements Event {
    }

    private record Stop() implements Event {
    }

    private final AgentOptions options;
    private final MediaEngine engine;
    private final StatusBoard board;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile boolean stopping;
    private volatile Socket socket;
    private String participantId;
    private String resumeToken;
    private PublishConnection previous;

    public VireoSession(AgentOptions options, MediaEngine engine, StatusBoard board) {
        this.options = options;
        this.engine = engine;
        this.board = board;
    }

    @Override
    public String publish() throws Exception {
        events.clear();
        board.state(StatusBoard.State.CONNECTING);
        Socket ws = new Socket(options.server());
        socket = ws;
        PublishConnection pc = null;
        try {
            if (!ws.connectBlocking(3, TimeUnit.SECONDS)) {
                return "cannot connect to " + options.server();
            }
            ws.send(join().toString());
            pc = awaitJoinedAndOffer(ws);
            if (pc == null) {
                return "no 'joined' within " + JOIN_TIMEOUT_MILLIS + " ms";
            }
            return run(ws, pc);
        } finally {
            board.connection(null);
            if (stopping) {
                if (ws.isOpen()) {
                    ws.send("{\"type\":\"leave\"}");
                }
                closeQuietly(pc);
                closeQuietly(previous);
                previous = null;
            } else if (pc != null) {
                // Kept open until the next 'joined': closing it now would end its DTLS session, and the server
                // would drop the participant instead of letting the next connection resume it.
                closeQuietly(previous);
                previous = pc;
            }
            ws.close();
            socket = null;
        }
    }

    private JsonObject join() {
        JsonObject join = new JsonObject();
        join.addProperty("type", "join");
        join.addProperty("version", 1);
        join.addProperty("room", options.room());
        join.addProperty("name", options.name());
        if (options.token() != null) {
            join.addProperty("token", options.token());
        }
        if (participantId != null && resumeToken != null) {
            join.addProperty("participantId", participantId);
            join.addProperty("resumeToken", resumeToken);
        }
        return join;
    }

    /** Waits for {@code joined}, then makes the PeerConnection and sends the offer with the candidates so far. */
    private PublishConnection awaitJoinedAndOffer(Socket ws) throws Exception {
        long deadline = System.currentTimeMillis() + JOIN_TIMEOUT_MILLIS;
        while (true) {
            Event e = events.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (e == null) {
                return null;
            }
            if (e instanceof Closed c) {
                throw new IllegalStateException("connection closed before 'joined': " + c.code() + " " + c.reason());
            }
            if (e instanceof Stop) {
                return null;
            }
            if (!(e instanceof Message m)) {
                continue;
            }
            String type = str(m.json(), "type");
            if (type.equals("error")) {
                refuse(m.json());
            } else if (type.equals("joined")) {
                boolean resumed = str(m.json(), "participantId").equals(participantId);
                participantId = str(m.json(), "participantId");
                resumeToken = str(m.json(), "resumeToken");
                board.participantId(participantId);
                closeQuietly(previous);
                previous = null;
                LOG.info((resumed ? "resumed" : "joined") + " room " + options.room() + " as " + participantId);
                board.state(StatusBoard.State.NEGOTIATING);
                PublishConnection pc = new PublishConnection(engine, options, iceServers(m.json()), new PublishConnection.Listener() {
                    @Override
                    public void onCandidate(String candidate, String mid, int mLineIndex) {
                        events.add(new LocalCandidate(candidate, mid, mLineIndex));
                    }

                    @Override
                    public void onStateChange(RTCPeerConnectionState state) {
                        events.add(new PcState(state));
                    }
                });
                String offer = pc.createOffer().get(5, TimeUnit.SECONDS);
                JsonObject msg = new JsonObject();
                msg.addProperty("type", "publish-offer");
                msg.addProperty("sdp", offer);
                ws.send(msg.toString());
                board.connection(pc);
                return pc;
            }
        }
    }

    /** Handles events until the session ends; returns why. */
    private String run(Socket ws, PublishConnection pc) throws Exception {
        long disconnectedAt = -1;
        while (true) {
            Event e = events.poll(500, TimeUnit.MILLISECONDS);
            if (disconnectedAt > 0 && System.currentTimeMillis() - disconnectedAt > DISCONNECTED_GRACE_MILLIS) {
                return "media disconnected for " + DISCONNECTED_GRACE_MILLIS + " ms";
            }
            if (e == null) {
                continue;
            }
            if (e instanceof Stop) {
                return "stopped";
            } else if (e instanceof Closed c) {
                return "signaling closed (" + c.code() + (c.reason().isEmpty() ? "" : " " + c.reason()) + ")";
            } else if (e instanceof LocalCandidate c) {
                JsonObject msg = new JsonObject();
                msg.addProperty("type", "candidate");
                msg.addProperty("pc", "publish");
                msg.addProperty("candidate", c.candidate() == null ? "" : c.candidate());
                msg.addProperty("sdpMid", c.mid());
                msg.addProperty("sdpMLineIndex", c.index());
                ws.send(msg.toString());
            } else if (e instanceof PcState s) {
                switch (s.state()) {
                    case CONNECTED -> {
                        disconnectedAt = -1;
                        board.state(StatusBoard.State.PUBLISHING);
                        LOG.info("publishing to room " + options.room());
                    }
                    case DISCONNECTED -> disconnectedAt = System.currentTimeMillis();
                    case FAILED -> {
                        return "media connection failed";
                    }
                    default -> {
                    }
                }
            } else if (e instanceof Message m) {
                String end = handle(m.json(), pc);
                if (end != null) {
                    return end;
                }
            }
        }
    }

    /** Handles one server message; returns a reason when it ends the session. */
    private String handle(JsonObject msg, PublishConnection pc) throws Exception {
        switch (str(msg, "type")) {
            case "publish-answer" -> pc.applyAnswer(str(msg, "sdp")).get(5, TimeUnit.SECONDS);
            case "candidate" -> {
                if ("publish".equals(str(msg, "pc")) && !str(msg, "candidate").isEmpty()) {
                    int index = msg.has("sdpMLineIndex") && !msg.get("sdpMLineIndex").isJsonNull()
                            ? msg.get("sdpMLineIndex").getAsInt() : 0;
                    pc.addRemoteCandidate(str(msg, "candidate"), str(msg, "sdpMid"), index);
                }
            }
            case "bye" -> {
                return "server said bye (" + str(msg, "reason") + ")";
            }
            case "error" -> {
                refuse(msg);
                LOG.warning("server refused " + str(msg, "requestType") + ": " + str(msg, "code") + " "
                        + str(msg, "message"));
                if ("invalid-sdp".equals(str(msg, "code"))) {
                    return "offer refused: " + str(msg, "message");
                }
            }
            default -> {
                // participant notifications and subscribe offers: a publish-only agent needs none of them
            }
        }
        return null;
    }

    private static void refuse(JsonObject error) throws PermanentRefusal {
        String code = str(error, "code");
        if (Refusals.isPermanentSignalingError(code, str(error, "requestType"))) {
            String message = str(error, "message");
            throw new PermanentRefusal("server refused to join: " + code + (message.isEmpty() ? "" : " (" + message + ")"));
        }
    }

    /** {@code iceServers} of {@code joined}: TURN servers the server wants clients to use. */
    static List<RTCIceServer> iceServers(JsonObject joined) {
        List<RTCIceServer> servers = new ArrayList<>();
        JsonElement list = joined.get("iceServers");
        if (list == null || !list.isJsonArray()) {
            return servers;
        }
        for (JsonElement el : list.getAsJsonArray()) {
            if (!el.isJsonObject()) {
                continue;
            }
            JsonObject o = el.getAsJsonObject();
            RTCIceServer s = new RTCIceServer();
            s.urls = new ArrayList<>();
            JsonElement urls = o.get("urls");
            if (urls != null && urls.isJsonArray()) {
                for (JsonElement u : (JsonArray) urls) {
                    s.urls.add(u.getAsString());
                }
            } else if (urls != null && urls.isJsonPrimitive()) {
                s.urls.add(urls.getAsString());
            }
            s.username = str(o, "username");
            s.password = str(o, "credential");
            servers.add(s);
        }
        return servers;
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    private static void closeQuietly(PublishConnection pc) {
        if (pc != null) {
            try {
                pc.close();
            } catch (RuntimeException ignored) {
                // closing a connection that already failed is best effort
            }
        }
    }

    @Override
    public void stop() {
        stopping = true;
        events.add(new Stop());
    }

    private final class Socket extends WebSocketClient {
        Socket(URI uri) {
            super(uri);
            // A silent server (power cut, network gone) is noticed by ICE within ~4 s and by Java-WebSocket pings within
            // ~15 s (3 s proved too eager on a loaded machine: it dropped healthy sessions). A stopped server resets the TCP
            // connection and is noticed at once.
            setConnectionLostTimeout(10);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String text) {
            try {
                JsonElement e = JsonParser.parseString(text);
                if (e.isJsonObject()) {
                    events.add(new Message(e.getAsJsonObject()));
                }
            } catch (RuntimeException e) {
                LOG.warning("unreadable message from the server: " + e.getMessage());
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            events.add(new Closed(code, reason == null ? "" : reason));
        }

        @Override
        public void onError(Exception ex) {
            LOG.fine("signaling socket: " + ex);
        }
    }
}
