package dev.vireo.bench.signal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.Protocol;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket to Janus's API (subprotocol {@code janus-protocol}) with one Janus session on it. Requests carry a
 * transaction; {@link #request} completes with the final reply: "success" for synchronous requests, the plugin's
 * "event" for asynchronous ones (their "ack" is skipped). Trickled candidates are collected per handle. A keepalive
 * goes out every 25 s (Janus drops sessions silent for 60 s).
 */
final class JanusSocket extends WebSocketClient {
    private static final long TIMEOUT_SECONDS = 20;
    private static final AtomicLong TRANSACTIONS = new AtomicLong();

    private final Map<String, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final Map<Long, List<String>> trickled = new ConcurrentHashMap<>();
    private volatile long sessionId;
    private Thread keepalive;

    JanusSocket(URI uri) {
        super(uri, new Draft_6455(Collections.emptyList(), List.of(new Protocol("janus-protocol"))));
        setConnectionLostTimeout(0);
    }

    /** Connects and creates the session. */
    void open() throws Exception {
        if (!connectBlocking(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("cannot connect to Janus at " + getURI());
        }
        JsonObject create = new JsonObject();
        create.addProperty("janus", "create");
        sessionId = request(create).getAsJsonObject("data").get("id").getAsLong();
        keepalive = new Thread(this::keepalive, "janus-keepalive");
        keepalive.setDaemon(true);
        keepalive.start();
    }

    /** Attaches the VideoRoom plugin and returns the handle id. */
    long attachVideoRoom() throws Exception {
        JsonObject attach = new JsonObject();
        attach.addProperty("janus", "attach");
        attach.addProperty("plugin", "janus.plugin.videoroom");
        return request(attach).getAsJsonObject("data").get("id").getAsLong();
    }

    /** Sends a plugin message (with an optional JSEP) and returns the final reply; fails on a plugin error. */
    JsonObject message(long handle, JsonObject body, JsonObject jsep) throws Exception {
        JsonObject msg = new JsonObject();
        msg.addProperty("janus", "message");
        msg.addProperty("handle_id", handle);
        msg.add("body", body);
        if (jsep != null) {
            msg.add("jsep", jsep);
        }
        JsonObject reply = request(msg);
        JsonObject data = reply.has("plugindata") ? reply.getAsJsonObject("plugindata").getAsJsonObject("data") : null;
        if (data != null && data.has("error")) {
            throw new IllegalStateException("Janus: " + data.get("error").getAsString());
        }
        return reply;
    }

    /** Tells Janus this handle has no more candidates (they were all in the SDP). */
    void trickleCompleted(long handle) {
        JsonObject msg = new JsonObject();
        msg.addProperty("janus", "trickle");
        msg.addProperty("handle_id", handle);
        JsonObject c = new JsonObject();
        c.addProperty("completed", true);
        msg.add("candidate", c);
        fire(msg);
    }

    /** Candidates Janus trickled for a handle so far ("candidate:..." strings). */
    List<String> trickledCandidates(long handle) {
        List<String> list = trickled.get(handle);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    private JsonObject request(JsonObject msg) throws Exception {
        String tx = "t" + TRANSACTIONS.incrementAndGet();
        msg.addProperty("transaction", tx);
        if (sessionId != 0) {
            msg.addProperty("session_id", sessionId);
        }
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(tx, reply);
        send(msg.toString());
        try {
            JsonObject r = reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if ("error".equals(r.get("janus").getAsString())) {
                throw new IllegalStateException("Janus: " + r.get("error"));
            }
            return r;
        } finally {
            pending.remove(tx);
        }
    }

    private void fire(JsonObject msg) {
        msg.addProperty("transaction", "t" + TRANSACTIONS.incrementAndGet());
        msg.addProperty("session_id", sessionId);
        if (isOpen()) {
            send(msg.toString());
        }
    }

    private void keepalive() {
        while (isOpen()) {
            try {
                Thread.sleep(25_000);
            } catch (InterruptedException e) {
                return;
            }
            JsonObject ka = new JsonObject();
            ka.addProperty("janus", "keepalive");
            fire(ka);
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String text) {
        JsonObject m = JsonParser.parseString(text).getAsJsonObject();
        String kind = m.get("janus").getAsString();
        if (kind.equals("trickle")) {
            JsonObject c = m.getAsJsonObject("candidate");
            if (c != null && c.has("candidate")) {
                List<String> list = trickled.computeIfAbsent(m.get("sender").getAsLong(), k -> new ArrayList<>());
                synchronized (list) {
                    list.add(c.get("candidate").getAsString());
                }
            }
            return;
        }
        if (kind.equals("ack") || !m.has("transaction")) {
            return;
        }
        CompletableFuture<JsonObject> f = pending.get(m.get("transaction").getAsString());
        if (f != null) {
            f.complete(m);
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        IllegalStateException e = new IllegalStateException("Janus socket closed: " + code + " " + reason);
        pending.values().forEach(f -> f.completeExceptionally(e));
        if (keepalive != null) {
            keepalive.interrupt();
        }
    }

    @Override
    public void onError(Exception ex) {
    }

    static JsonArray feeds(List<Long> ids) {
        JsonArray streams = new JsonArray();
        for (long id : ids) {
            JsonObject s = new JsonObject();
            s.addProperty("feed", id);
            streams.add(s);
        }
        return streams;
    }

    static String sdpOf(JsonObject reply) {
        JsonElement jsep = reply.get("jsep");
        if (jsep == null || !jsep.isJsonObject()) {
            throw new IllegalStateException("Janus sent no JSEP: " + reply);
        }
        return jsep.getAsJsonObject().get("sdp").getAsString();
    }
}
