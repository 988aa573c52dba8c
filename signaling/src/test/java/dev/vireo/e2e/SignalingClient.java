package dev.vireo.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** A bare signaling connection over java.net.http, for tests that speak the protocol without a browser. */
final class SignalingClient implements AutoCloseable {
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private SignalingClient(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener())
                .join();
    }

    static SignalingClient connect(URI uri) {
        return new SignalingClient(uri);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void send(JsonObject message) {
        send(message.toString());
    }

    /** The next message from the server; fails if none arrives in time or the server closed the connection. */
    JsonObject next(Duration timeout) {
        try {
            String text = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new AssertionError("no signaling message within " + timeout.toMillis() + " ms"
                        + (closed.isDone() ? "; connection closed: " + closed.join() : ""));
            }
            return JsonParser.parseString(text).getAsJsonObject();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next message of {@code type}, skipping others (e.g. participant notifications). */
    JsonObject next(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no '" + type + "' message within " + timeout.toMillis() + " ms");
            }
            JsonObject m = next(Duration.ofNanos(left));
            if (m.has("type") && type.equals(m.get("type").getAsString())) {
                return m;
            }
        }
    }

    /** Sends a WebSocket ping and waits for the pong carrying the same bytes. */
    boolean ping(Duration timeout) {
        byte[] payload = {'v', 'i', 'r', 'e', 'o'};
        socket.sendPing(ByteBuffer.wrap(payload)).join();
        try {
            ByteBuffer pong = pongs.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return pong != null && pong.equals(ByteBuffer.wrap(payload));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    static JsonObject join(String room, String name) {
        JsonObject join = new JsonObject();
        join.addProperty("type", "join");
        join.addProperty("version", 1);
        join.addProperty("room", room);
        join.addProperty("name", name);
        return join;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            ByteBuffer copy = ByteBuffer.allocate(message.remaining());
            copy.put(message).flip();
            pongs.add(copy);
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("error: " + error);
        }
    }
}
