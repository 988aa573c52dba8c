package dev.vireo.bench.signal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vireo.bench.media.Receiver;
import dev.vireo.sdp.MediaDescription;
import dev.vireo.sdp.SdpException;
import dev.vireo.sdp.SessionDescription;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A load participant speaking Vireo's signaling protocol v1 (docs/signaling.md): {@code join} → {@code joined};
 * {@code publish-offer} → {@code publish-answer}; every {@code subscribe-offer} is answered on one subscribe
 * transport. Candidates travel inside the SDP (both sides write {@code a=end-of-candidates}); trickled server
 * candidates are not needed on loopback and are ignored.
 */
public final class VireoClient extends LoadClient {
    private static final long TIMEOUT_SECONDS = 15;

    private final URI uri;
    private final CompletableFuture<JsonObject> joined = new CompletableFuture<>();
    private final CompletableFuture<JsonObject> publishAnswer = new CompletableFuture<>();
    private Socket socket;
    private LoadTransport publish;
    private LoadTransport subscribe;

    /** @param publication null for a participant that only receives */
    public VireoClient(URI signalingUri, ClientContext context, Publication publication, Receiver receiver) {
        super(context, publication, receiver);
        this.uri = signalingUri;
    }

    @Override
    public void join(String room, String name) throws Exception {
        receiver.joinStarted(System.nanoTime());
        socket = new Socket(uri);
        if (!socket.connectBlocking(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("cannot connect to " + uri);
        }
        JsonObject join = new JsonObject();
        join.addProperty("type", "join");
        join.addProperty("version", 1);
        join.addProperty("room", room);
        join.addProperty("name", name);
        socket.send(join.toString());
        joined.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        trace("joined");
        if (publication != null) {
            publish();
        }
    }

    private void publish() throws Exception {
        publish = open(null, publication::requestKeyframe);
        JsonObject offer = new JsonObject();
        offer.addProperty("type", "publish-offer");
        offer.addProperty("sdp", LoadSdp.publishOffer(publish.local(), publication.audioSsrc(),
                publication.videoSsrc()));
        socket.send(offer.toString());
        SessionDescription answer = SessionDescription.parse(
                publishAnswer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get("sdp").getAsString());
        trace("publish-answer");
        LoadSdp.Negotiated pts = LoadSdp.payloadTypes(answer);
        publication.bind(publish, context.pool(), pts.opusPt(), pts.vp8Pt());
        publish.whenConnected(() -> { trace("publish-connected"); publication.start(context.sender()); });
        connect(publish, answer);
    }

    /** The server answered (or offered) setup:passive, so this side is the DTLS client; Vireo always is server. */
    private static void connect(LoadTransport t, SessionDescription remote) throws SdpException {
        MediaDescription first = firstAccepted(remote, "the server");
        connectTransport(t, remote, first, first.candidates());
    }

    /** On the socket's thread: answer every subscribe offer on the one subscribe transport. */
    private void onSubscribeOffer(String sdp) {
        try {
            SessionDescription offer = SessionDescription.parse(sdp);
            boolean first = subscribe == null;
            trace("subscribe-offer first=" + first);
            if (first) {
                subscribe = open(receiver, null);
                subscribe.whenConnected(() -> trace("subscribe-connected"));
            }
            JsonObject answer = new JsonObject();
            answer.addProperty("type", "subscribe-answer");
            answer.addProperty("sdp", LoadSdp.subscribeAnswer(offer, subscribe.local()));
            socket.send(answer.toString());
            if (first) {
                connect(subscribe, offer);
            }
        } catch (SdpException | RuntimeException e) {
            System.err.println("bench: cannot answer a subscribe offer: " + e.getMessage());
        }
    }

    private final long t0 = System.nanoTime();
    private void trace(String what) {
        if (Boolean.getBoolean("vireo.bench.traceJoin")) {
            System.err.printf("TRACE %x %6d ms %s%n", System.identityHashCode(this), (System.nanoTime() - t0) / 1_000_000, what);
        }
    }

    @Override
    public long feedId() {
        return -1;
    }

    @Override
    public void subscribe(List<Long> feeds) {
        // Vireo offers every other participant's streams by itself.
    }

    @Override
    void closeSignaling() {
        if (socket != null) {
            socket.close();
        }
    }

    private final class Socket extends WebSocketClient {
        Socket(URI target) {
            super(target);
            setConnectionLostTimeout(0);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String text) {
            JsonObject m = JsonParser.parseString(text).getAsJsonObject();
            switch (m.get("type").getAsString()) {
                case "joined" -> joined.complete(m);
                case "publish-answer" -> publishAnswer.complete(m);
                case "subscribe-offer" -> onSubscribeOffer(m.get("sdp").getAsString());
                case "error" -> {
                    System.err.println("bench: server error: " + text);
                    if (!joined.isDone()) {
                        joined.completeExceptionally(new IllegalStateException(text));
                    } else if (!publishAnswer.isDone() && publication != null) {
                        publishAnswer.completeExceptionally(new IllegalStateException(text));
                    }
                }
                default -> {
                    // participant-joined/left/updated, candidate, pong, bye: nothing to do for a load client.
                }
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            IllegalStateException e = new IllegalStateException("signaling closed: " + code + " " + reason);
            joined.completeExceptionally(e);
            publishAnswer.completeExceptionally(e);
        }

        @Override
        public void onError(Exception ex) {
        }
    }
}
