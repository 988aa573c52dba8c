package dev.vireo.signaling;

import dev.vireo.signaling.messages.Bye;
import dev.vireo.signaling.messages.Candidate;
import dev.vireo.signaling.messages.ClientMessage;
import dev.vireo.signaling.messages.ErrorCode;
import dev.vireo.signaling.messages.ErrorMessage;
import dev.vireo.signaling.messages.Join;
import dev.vireo.signaling.messages.Joined;
import dev.vireo.signaling.messages.Leave;
import dev.vireo.signaling.messages.MessageCodec;
import dev.vireo.signaling.messages.ProtocolException;
import dev.vireo.signaling.messages.PublishAnswer;
import dev.vireo.signaling.messages.PublishOffer;
import dev.vireo.signaling.messages.ServerMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A signaling client without a WebSocket: the HTTP side of WHIP drives a participant through the same
 * {@link ClientSession} a browser's WebSocket does, so access rules, participant lists and announcements are the same
 * whichever way someone publishes. Requests are applied on the session's inbox, in order, and each call waits for its
 * reply. Subscribe offers and trickled candidates the media plane sends are dropped: such a client only publishes,
 * and its answer already carries the SFU's candidates.
 */
public final class HeadlessClient {
    private static final long REPLY_TIMEOUT_SECONDS = 10;

    private final String label;
    private final ClientSession session;
    private volatile CompletableFuture<ServerMessage> pending;
    private volatile Consumer<String> onEnded = reason -> { };
    private volatile Joined joined;

    HeadlessClient(String label, Function<ClientConnection, ClientSession> sessions) {
        this.label = label;
        this.session = sessions.apply(new Connection());
    }

    /** Who hears the reason when the server ends the stay (the stream was stopped, media failed, shutdown). */
    public void onEnded(Consumer<String> listener) {
        onEnded = listener;
    }

    /** Enters a room; the reply is {@code joined}. */
    public Joined join(String room, String name, String token) throws ProtocolException {
        Joined reply = (Joined) request(new Join(MessageCodec.VERSION, room, name, null, null, token), Joined.class);
        joined = reply;
        return reply;
    }

    /** The participant id {@code joined} gave, or null before. */
    public String participantId() {
        Joined j = joined;
        return j == null ? null : j.participantId();
    }

    /** Sends a publish offer and returns the SFU's answer. */
    public String publish(String offerSdp) throws ProtocolException {
        return ((PublishAnswer) request(new PublishOffer(offerSdp), PublishAnswer.class)).sdp();
    }

    /** A trickled candidate of the publish PeerConnection; empty for end of candidates. */
    public void candidate(String candidate, String mid) throws ProtocolException {
        request(new Candidate(Candidate.PUBLISH, candidate, mid, null), null);
    }

    /** Leaves the room. */
    public void leave() {
        session.inbox().execute(() -> session.onMessage(new Leave()));
    }

    /**
     * Applies {@code message} on the session's inbox and returns its reply of type {@code replyType} (null: no reply
     * is expected, only a possible error).
     */
    private ServerMessage request(ClientMessage message, Class<? extends ServerMessage> replyType)
            throws ProtocolException {
        CompletableFuture<ServerMessage> reply = new CompletableFuture<>();
        session.inbox().execute(() -> {
            pending = reply;
            try {
                session.onMessage(message);
            } finally {
                pending = null;
                reply.complete(null);
            }
        });
        ServerMessage answer;
        try {
            answer = reply.get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(ErrorCode.INTERNAL, "interrupted", message.type());
        } catch (ExecutionException | TimeoutException e) {
            throw new ProtocolException(ErrorCode.INTERNAL, "no reply from signaling in time", message.type());
        }
        if (answer instanceof ErrorMessage error) {
            throw new ProtocolException(code(error.code()), error.message(), message.type());
        }
        if (replyType != null && !replyType.isInstance(answer)) {
            throw new ProtocolException(ErrorCode.INTERNAL, "signaling gave no " + message.type() + " reply",
                    message.type());
        }
        return answer;
    }

    private static ErrorCode code(String wireName) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.wireName().equals(wireName)) {
                return c;
            }
        }
        return ErrorCode.INTERNAL;
    }

    /** Replies go to the request waiting on the inbox thread; {@code bye} ends the stay. */
    private final class Connection implements ClientConnection {
        @Override
        public void deliver(ServerMessage message) {
            if (message instanceof Bye bye) {
                onEnded.accept(bye.reason());
                return;
            }
            CompletableFuture<ServerMessage> waiting = pending;
            if (waiting != null && (message instanceof Joined || message instanceof PublishAnswer
                    || message instanceof ErrorMessage)) {
                waiting.complete(message);
            }
        }

        @Override
        public void send(String text) {
            // Everything arrives through deliver.
        }

        @Override
        public void close(int code, String reason) {
            // No socket to close; bye has told the owner.
        }

        @Override
        public String label() {
            return label;
        }
    }
}
