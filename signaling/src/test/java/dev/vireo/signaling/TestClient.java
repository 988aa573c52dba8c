package dev.vireo.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client (the JDK's) that collects the server's messages as JSON objects. */
public final class TestClient implements AutoCloseable {
    private static final long WAIT_SECONDS = 5;

    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    /** Completes with the close code when the server closes the connection. */
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private TestClient(int port) {
        Listener listener = new Listener();
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(WAIT_SECONDS))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), listener)
                .orTimeout(WAIT_SECONDS, TimeUnit.SECONDS)
                .join();
    }

    public static TestClient connect(int port) {
        return new TestClient(port);
    }

    public TestClient send(String text) {
        socket.sendText(text, true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        return this;
    }

    public TestClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        return this;
    }

    /** The next message; fails the test after 5 s. */
    public JsonObject next() {
        return next(Duration.ofSeconds(WAIT_SECONDS));
    }

    /** The next message; fails the test if none arrives within {@code within}. */
    public JsonObject next(Duration within) {
        try {
            JsonObject message = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                fail("no message from the server within " + within.toMillis() + " ms");
            }
            return message;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The next message, which must have this type. */
    public JsonObject next(String type) {
        JsonObject message = next();
        assertEquals(type, message.get("type").getAsString(), () -> "got " + message);
        return message;
    }

    /** Sends a {@code publish-offer} with this SDP and returns the {@code publish-answer}. */
    public JsonObject publish(String offerSdp) {
        send(Sdp.message("publish-offer", offerSdp));
        return next("publish-answer");
    }

    /** The next message, which must be an error with this code. */
    public JsonObject nextError(String code) {
        JsonObject error = next("error");
        assertEquals(code, error.get("code").getAsString(), () -> "got " + error);
        return error;
    }

    /** Everything that arrives until the server has been quiet for {@code quiet}. */
    public List<JsonObject> drain(Duration quiet) {
        List<JsonObject> all = new ArrayList<>();
        try {
            JsonObject message;
            while ((message = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                all.add(message);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return all;
    }

    /** Nothing arrives for a while. */
    public void expectSilence(Duration duration) {
        try {
            JsonObject message = received.poll(duration.toMillis(), TimeUnit.MILLISECONDS);
            assertNull(message, () -> "unexpected message " + message);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Sends a join and returns the joined reply. */
    public JsonObject join(String room, String name) {
        send("{\"type\":\"join\",\"version\":1,\"room\":\"" + room + "\",\"name\":\"" + name + "\"}");
        return next("joined");
    }

    /** Sends ping and waits for pong: proves the connection is up and everything before it was handled. */
    public void roundTrip() {
        send("{\"type\":\"ping\"}");
        next("pong");
    }

    public int closeCode() {
        return closed.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(JsonParser.parseString(partial.toString()).getAsJsonObject());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
