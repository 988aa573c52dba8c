package dev.vireo.signaling;

import dev.vireo.auth.AccessDeniedException;
import dev.vireo.auth.Admission;
import dev.vireo.auth.Role;
import dev.vireo.sfu.LayerState;
import dev.vireo.sfu.NegotiationException;
import dev.vireo.sfu.ParticipantListener;
import dev.vireo.sfu.PeerConnectionRole;
import dev.vireo.sfu.VideoTile;
import dev.vireo.signaling.messages.ActiveSpeaker;
import dev.vireo.signaling.messages.Bye;
import dev.vireo.signaling.messages.Candidate;
import dev.vireo.signaling.messages.ClientMessage;
import dev.vireo.signaling.messages.ErrorCode;
import dev.vireo.signaling.messages.ErrorMessage;
import dev.vireo.signaling.messages.HostAction;
import dev.vireo.signaling.messages.Join;
import dev.vireo.signaling.messages.Joined;
import dev.vireo.signaling.messages.KnockWithdrawn;
import dev.vireo.signaling.messages.LobbyDecision;
import dev.vireo.signaling.messages.LobbyWaiting;
import dev.vireo.signaling.messages.Leave;
import dev.vireo.signaling.messages.MessageCodec;
import dev.vireo.signaling.messages.Mute;
import dev.vireo.signaling.messages.ParticipantJoined;
import dev.vireo.signaling.messages.ParticipantLeft;
import dev.vireo.signaling.messages.ParticipantUpdated;
import dev.vireo.signaling.messages.Ping;
import dev.vireo.signaling.messages.Pong;
import dev.vireo.signaling.messages.ProtocolException;
import dev.vireo.signaling.messages.PublishAnswer;
import dev.vireo.signaling.messages.PublishLayers;
import dev.vireo.signaling.messages.PublishOffer;
import dev.vireo.signaling.messages.ServerMessage;
import dev.vireo.signaling.messages.SubscribeAnswer;
import dev.vireo.signaling.messages.SubscribeOffer;
import dev.vireo.signaling.messages.VideoLayout;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket client: applies its messages (through its {@link #inbox()}, in order, one at a time) and relays what the
 * media plane and the other sessions of its room have for it. Nothing a client sends closes the connection except
 * {@code leave}; refused messages get an {@code error} reply.
 *
 * <p>A stay in a room outlives its WebSocket for the resume grace when the socket closes without {@code leave}: the
 * participant and its media stay, nobody is told, and a new session that presents the participant id with its
 * resume token takes the participant over (the others see {@code participant-updated}). Without a resume the stay
 * ends as a disconnect once the grace is over.
 */
final class ClientSession {
    private static final Logger LOG = Logger.getLogger(ClientSession.class.getName());
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long RATE_LIMIT_REPLY_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int CLOSE_NORMAL = 1000;
    private static final int CLOSE_GOING_AWAY = 1001;

    /** How a stay in a room ends: what the others hear, whether media is closed, what the client hears. */
    private record Ending(String leftReason, String mediaCloseReason, Bye bye, int closeCode) {
        static final Ending LEFT = new Ending(ParticipantLeft.LEFT, "left", new Bye(Bye.LEFT), CLOSE_NORMAL);
        static final Ending NOT_RESUMED = new Ending(ParticipantLeft.DISCONNECTED, "signaling disconnected", null, 0);
        static final Ending REPLACED = new Ending(null, null, new Bye(Bye.REPLACED), CLOSE_NORMAL);
        static final Ending SHUTDOWN =
                new Ending(null, Bye.SERVER_SHUTDOWN, new Bye(Bye.SERVER_SHUTDOWN), CLOSE_GOING_AWAY);

        /** A host ended this stay: removed the participant, or ended the meeting for all. */
        static Ending byHost(Bye bye) {
            String left = Bye.REMOVED.equals(bye.reason()) ? ParticipantLeft.REMOVED : null;
            return new Ending(left, bye.reason(), bye, CLOSE_NORMAL);
        }

        /** The media plane already closed the participant (and removed it from its room). */
        static Ending mediaClosed(String reason) {
            return new Ending(ParticipantLeft.DISCONNECTED, null, new Bye(Bye.MEDIA_CLOSED, reason), CLOSE_NORMAL);
        }

        /** The server closed the whole room (its meeting was deleted). */
        /** The server closed the room (a deleted meeting, a stopped stream): {@code bye} with this reason. */
        static Ending roomClosed(String reason, String message) {
            return new Ending(ParticipantLeft.LEFT, reason, new Bye(reason, message), CLOSE_NORMAL);
        }
    }

    private final ClientConnection connection;
    private final SignalingServer.Context context;
    private final TokenBucket bucket;
    /** Runs this client's events in order, one at a time. */
    private final Executor inbox;
    private final Throttle logThrottle = new Throttle(LOG_INTERVAL_NANOS);
    private final Throttle rateLimitReplies = new Throttle(RATE_LIMIT_REPLY_INTERVAL_NANOS);
    /** The current stay in a room, or null; written by this session's thread and by endings on other threads. */
    private volatile Membership membership;
    /** This client's wait in a room's lobby, or null; used on this session's inbox only. */
    private Lobby.Knocker knock;

    ClientSession(ClientConnection connection, SignalingServer.Context context, Executor inbox) {
        this.connection = connection;
        this.context = context;
        this.inbox = inbox;
        this.bucket = new TokenBucket(context.limits().messagesPerSecond(), context.limits().messageBurst(),
                System.nanoTime());
    }

    /** Where this client's events must run: in order, one at a time. */
    Executor inbox() {
        return inbox;
    }

    /** A text frame from the client. */
    void onText(String text) {
        if (!admit()) {
            return;
        }
        int bytes = utf8Length(text);
        if (bytes > context.limits().maxMessageBytes()) {
            refuse(new ProtocolException(ErrorCode.TOO_LARGE, "message of " + bytes + " bytes is over the limit of "
                    + context.limits().maxMessageBytes() + " bytes", null));
            return;
        }
        String requestType = null;
        try {
            ClientMessage message = MessageCodec.decode(text);
            requestType = message.type();
            handle(message);
        } catch (ProtocolException e) {
            refuse(e);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // A bug met while handling one message must not end everyone's signaling: Java-WebSocket stops the whole
            // server when a handler lets an Error escape. Out-of-memory and the like still propagate.
            logOnce("internal", Level.WARNING, "failed on a " + requestType + " message", e);
            send(new ErrorMessage(ErrorCode.INTERNAL, "the server failed to handle this message", requestType));
        }
    }

    /** A message already decoded, from a client that does not speak over a WebSocket (WHIP). */
    void onMessage(ClientMessage message) {
        try {
            handle(message);
        } catch (ProtocolException e) {
            refuse(e);
        } catch (RuntimeException e) {
            logOnce("internal", Level.WARNING, "failed on a " + message.type() + " message", e);
            send(new ErrorMessage(ErrorCode.INTERNAL, "the server failed to handle this message", message.type()));
        }
    }

    /** A binary frame: not part of the protocol. */
    void onBinary() {
        if (admit()) {
            refuse(new ProtocolException(ErrorCode.BAD_JSON, "binary frames are not supported; send JSON text", null));
        }
    }

    /**
     * The WebSocket is gone without {@code leave}: the stay waits for a resume for the grace period, then ends.
     * Nothing more reaches this client in the meantime; a resuming client gets a fresh {@code joined} instead.
     */
    void onSocketClosed() {
        Lobby.Knocker waited = knock;
        if (waited != null) {
            knock = null;
            if (context.lobby().take(waited.room(), waited.knockId()) != null) {
                tellHosts(waited.room(), new KnockWithdrawn(waited.knockId(), KnockWithdrawn.LEFT));
            }
            return;
        }
        Membership m = membership;
        if (m == null) {
            return;
        }
        Duration grace = context.limits().resumeGrace();
        synchronized (m) {
            if (m.ended || m.resumeDeadline != null) {
                return;
            }
            if (grace.isZero()) {
                end(m, Ending.NOT_RESUMED);
                return;
            }
            m.closeDelivery();
            try {
                m.resumeDeadline = context.events().schedule(() -> end(m, Ending.NOT_RESUMED), grace.toNanos(),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                end(m, Ending.NOT_RESUMED);
                return;
            }
            context.awaiting().add(this);
        }
        LOG.fine(() -> label() + " closed without leave; " + m.participantId + " waits " + grace.toMillis()
                + " ms in room " + m.roomId + " for a resume");
    }

    /** The server stops: the client hears {@code bye} and the connection closes. */
    void shutdown() {
        Membership m = membership;
        if (m == null || !end(m, Ending.SHUTDOWN)) {
            send(new Bye(Bye.SERVER_SHUTDOWN));
            connection.close(CLOSE_GOING_AWAY, Bye.SERVER_SHUTDOWN);
        }
    }

    /** A message from another session of this room, or from the media plane. */
    void deliver(ServerMessage message) {
        Membership m = membership;
        if (m != null) {
            m.deliver(message);
        }
    }

    String label() {
        return connection.label();
    }

    private boolean admit() {
        long now = System.nanoTime();
        if (bucket.tryTake(now)) {
            return true;
        }
        if (rateLimitReplies.allow("reply", now)) {
            send(new ErrorMessage(ErrorCode.RATE_LIMITED, "more than " + context.limits().messagesPerSecond()
                    + " messages a second; messages are being dropped", null));
        }
        logOnce("rate-limited", Level.INFO, "sends too fast; dropping messages", null);
        return false;
    }

    private void handle(ClientMessage message) throws ProtocolException {
        if (message instanceof Ping) {
            send(new Pong());
            return;
        }
        if (message instanceof Join join) {
            join(join);
            return;
        }
        Membership m = membership;
        if (m == null) {
            throw new ProtocolException(ErrorCode.NOT_JOINED, "send join first", message.type());
        }
        if (message instanceof PublishOffer offer) {
            publish(m, offer);
        } else if (message instanceof SubscribeAnswer answer) {
            try {
                m.media.handleSubscribeAnswer(answer.sdp());
            } catch (NegotiationException e) {
                throw new ProtocolException(ErrorCode.INVALID_SDP, e.getMessage(), message.type());
            }
        } else if (message instanceof Candidate candidate) {
            try {
                m.media.addRemoteCandidate(candidate.role(),
                        candidate.isEndOfCandidates() ? null : candidate.candidate());
            } catch (NegotiationException e) {
                throw new ProtocolException(ErrorCode.INVALID_CANDIDATE, e.getMessage(), message.type());
            }
        } else if (message instanceof Mute mute) {
            RoomRegistry.Update<ClientSession> update =
                    context.registry().mute(m.roomId, m.participantId, this, mute.audio(), mute.video());
            if (update != null && m.visible) {
                update.otherSessions().forEach(s -> s.deliver(new ParticipantUpdated(update.info())));
            }
        } else if (message instanceof VideoLayout layout) {
            Map<String, VideoTile> tiles = new LinkedHashMap<>();
            for (VideoLayout.Tile t : layout.tiles()) {
                tiles.put(t.participantId(), new VideoTile(t.width(), t.height(), t.visible(), t.priority()));
            }
            m.media.videoLayout(tiles);
        } else if (message instanceof HostAction action) {
            HostControls.apply(context, this, m.roomId, m.participantId, action);
        } else if (message instanceof LobbyDecision decision) {
            context.lobby().decide(context.registry(), this, m, decision);
        } else if (message instanceof Leave) {
            end(m, Ending.LEFT);
        }
    }

    private void join(Join join) throws ProtocolException {
        if (membership != null) {
            throw new ProtocolException(ErrorCode.ALREADY_JOINED, "this connection already joined room "
                    + membership.roomId + "; send leave and connect again to change rooms", join.type());
        }
        Admission entry;
        try {
            entry = context.access().admit(join.room(), join.token());
        } catch (AccessDeniedException e) {
            throw new ProtocolException(errorCode(e.reason()), e.getMessage(), join.type());
        }
        Duration banned = context.removals().remaining(join.room(), entry.identity());
        if (!banned.isZero()) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "a host removed you from room " + join.room()
                    + "; you may join again in " + Math.max(1, banned.toMinutes()) + " min", join.type());
        }
        String name = entry.name() != null ? entry.name() : join.name();
        if (name == null) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "field 'name' is required", join.type());
        }
        if (knock != null) {
            throw new ProtocolException(ErrorCode.ALREADY_JOINED, "this connection is already waiting in the lobby "
                    + "of room " + knock.room(), join.type());
        }
        // Hosts (by their token) skip the password and the lobby: they are the ones who admit others.
        Optional<EntryConditions.Conditions> conditions = entry.role() == Role.HOST ? Optional.empty()
                : context.lobby().conditionsFor(join.room());
        if (conditions.isPresent()) {
            Lobby.checkPassword(conditions.get(), join);
            if (conditions.get().lobby()) {
                knock = context.lobby().knock(join.room(), name, join, entry, this);
                send(new LobbyWaiting(join.room(), knock.knockId()));
                Lobby.announce(context.registry(), knock);
                LOG.fine(() -> label() + " waits in the lobby of room " + join.room());
                return;
            }
        }
        enter(join, entry, name);
    }

    /** A host admitted this client's knock: the join goes on as if there had been no lobby. */
    void admitted(Lobby.Knocker k) {
        if (knock != k) {
            return; // gone meanwhile
        }
        knock = null;
        try {
            enter(k.join(), k.entry(), k.name());
        } catch (ProtocolException e) {
            refuse(e);
        } catch (RuntimeException e) {
            logOnce("internal", Level.WARNING, "failed to enter after the lobby", e);
            send(new ErrorMessage(ErrorCode.INTERNAL, "the server failed to let you in", Join.TYPE));
        }
    }

    void denied(Lobby.Knocker k) {
        if (knock != k) {
            return;
        }
        knock = null;
        send(new Bye(Bye.DENIED, "a host did not let you in"));
        connection.close(CLOSE_NORMAL, Bye.DENIED);
    }

    /** The server closed this client's room for everyone (also while it waits in the lobby). */
    void closedByServer(String reason, String message) {
        if (knock != null) {
            knock = null;
            send(new Bye(reason, message));
            connection.close(CLOSE_NORMAL, reason);
            return;
        }
        endStay(Ending.roomClosed(reason, message));
    }

    /**
     * Whether this session is in a room as a host now: from its token, or because a host made it one since (the
     * room's participant list is the one record of roles; host controls check the same).
     */
    boolean isHost() {
        Membership m = membership;
        return m != null && m.participantId != null
                && Role.HOST.wireName().equals(context.registry().roleOf(m.roomId, m.participantId, this));
    }

    private void tellHosts(String room, ServerMessage message) {
        Lobby.tellHosts(context.registry(), room, message);
    }

    /** Enters the room: participant id, media, {@code joined}, and the news to the others. */
    private void enter(Join join, Admission entry, String name) throws ProtocolException {
        Membership m = new Membership(join.room(), connection, entry);
        ClientSession replaced;
        synchronized (m) {
            membership = m;
            RoomRegistry.Admission<ClientSession> admission = context.registry().admit(join.room(),
                    join.participantId(), join.resumeToken(), name, entry.role().wireName(), this, m.visible);
            m.participantId = admission.self().id();
            replaced = admission.replaced();
            try {
                m.media = context.media().addParticipant(join.room(), m.participantId, listenerFor(m));
            } catch (RuntimeException e) {
                m.ended = true;
                m.closeDelivery();
                membership = null;
                List<ClientSession> others = context.registry().remove(m.roomId, m.participantId, this);
                if (replaced != null && others != null) {
                    others.forEach(s -> s.deliver(new ParticipantLeft(m.participantId, ParticipantLeft.DISCONNECTED)));
                }
                if (replaced != null) {
                    replaced.endStay(Ending.REPLACED);
                }
                throw e;
            }
            m.open(new Joined(MessageCodec.VERSION, join.room(), m.participantId, admission.resumeToken(),
                    admission.others(), context.iceServers().forParticipant(m.participantId), admission.self().role(),
                    entry.kind().name().toLowerCase(Locale.ROOT), entry.mayPublish()));
            ServerMessage news = replaced != null
                    ? new ParticipantUpdated(admission.self())
                    : new ParticipantJoined(admission.self());
            admission.otherSessions().forEach(s -> s.deliver(news));
        }
        if (replaced != null) {
            replaced.endStay(Ending.REPLACED);
        } else if (join.participantId() != null) {
            // An expired grace, a wrong token or someone else's id all look the same to the client: a fresh join.
            logOnce("not-resumed", Level.FINE, "asked to resume " + join.participantId() + " in room " + m.roomId
                    + " but it is not there or the resume token is wrong; joined as new participant "
                    + m.participantId, null);
        }
        if (entry.role() == Role.HOST) {
            context.lobby().waitingFor(m.roomId).forEach(k -> Lobby.announce(k, this));
        }
        LOG.fine(() -> label() + " joined room " + m.roomId + " as " + m.participantId
                + (replaced != null ? " (resumed, taking over from " + replaced.label() + ")" : ""));
    }

    private static ErrorCode errorCode(AccessDeniedException.Reason reason) {
        return switch (reason) {
            case UNAUTHORIZED -> ErrorCode.UNAUTHORIZED;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
            case ROOM_NOT_FOUND -> ErrorCode.ROOM_NOT_FOUND;
            case ROOM_CLOSED -> ErrorCode.ROOM_CLOSED;
        };
    }

    private void publish(Membership m, PublishOffer offer) throws ProtocolException {
        if (!m.entry.mayPublish()) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "a " + m.entry.role().wireName() + " may not publish in "
                    + "this " + m.entry.kind().name().toLowerCase(Locale.ROOT) + " room", offer.type());
        }
        m.startPublish();
        PublishAnswer answer = null;
        try {
            answer = new PublishAnswer(m.media.handlePublishOffer(offer.sdp()));
        } catch (NegotiationException e) {
            throw new ProtocolException(ErrorCode.INVALID_SDP, e.getMessage(), offer.type());
        } finally {
            m.finishPublish(answer);
        }
    }

    private ParticipantListener listenerFor(Membership m) {
        return new ParticipantListener() {
            @Override
            public void onSubscribeOffer(String sdp) {
                m.deliver(new SubscribeOffer(sdp));
            }

            @Override
            public void onLocalCandidate(PeerConnectionRole role, String candidate, String mid, int mLineIndex) {
                m.deliver(new Candidate(Candidate.pcName(role), candidate == null ? "" : candidate, mid, mLineIndex));
            }

            @Override
            public void onPublishLayers(String mid, List<LayerState> layers) {
                m.deliver(new PublishLayers(mid, layers.stream()
                        .map(l -> new PublishLayers.Layer(l.rid(), l.active())).toList()));
            }

            @Override
            public void onActiveSpeaker(dev.vireo.sfu.ActiveSpeaker update) {
                m.deliver(new ActiveSpeaker(update.participantId(), update.speakers(), update.videoForwarded()));
            }

            @Override
            public void onMediaClosed(String reason) {
                // The media plane may call this while holding its own locks: end the stay on our thread instead.
                try {
                    context.events().execute(() -> end(m, Ending.mediaClosed(reason)));
                } catch (RejectedExecutionException stopping) {
                    // Signaling has shut down and already said bye to this client.
                }
            }
        };
    }

    /** The identity of this session's access token, or null (no token, or not in a room). */
    String identity() {
        Membership m = membership;
        return m == null ? null : m.entry.identity();
    }

    /**
     * A host ends this stay (any thread): the client hears {@code bye}; with reason {@code removed} the others hear
     * {@code participant-left} reason {@code removed}. Returns false when the stay had already ended, or when
     * {@code room} is given and the stay is not in it.
     */
    boolean endByHost(Bye bye, String room) {
        Membership m = membership;
        if (m == null || (room != null && !room.equals(m.roomId))) {
            return false;
        }
        return end(m, Ending.byHost(bye));
    }

    private void endStay(Ending ending) {
        Membership m = membership;
        if (m != null) {
            end(m, ending);
        }
    }

    /** Ends a stay once; returns false if it had already ended. */
    private boolean end(Membership m, Ending ending) {
        synchronized (m) {
            if (m.ended) {
                return false;
            }
            m.ended = true;
            m.closeDelivery();
            if (m.resumeDeadline != null) {
                m.resumeDeadline.cancel(false);
                context.awaiting().remove(this);
            }
            if (membership == m) {
                membership = null;
            }
            // Only the session that still owns the id may announce the departure or close the media: after a
            // rejoin both belong to the new connection.
            List<ClientSession> others = context.registry().remove(m.roomId, m.participantId, this);
            if (others != null && ending.leftReason() != null && m.visible) {
                ParticipantLeft left = new ParticipantLeft(m.participantId, ending.leftReason());
                others.forEach(s -> s.deliver(left));
            }
            if (others != null && ending.mediaCloseReason() != null && m.media != null) {
                try {
                    m.media.close(ending.mediaCloseReason());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, label() + ": closing media failed", e);
                }
            }
        }
        if (ending.bye() != null) {
            send(ending.bye());
        }
        if (ending.closeCode() != 0) {
            connection.close(ending.closeCode(), ending.bye() != null ? ending.bye().reason() : "");
        }
        LOG.fine(() -> label() + " left room " + m.roomId + " (" + ending + ")");
        return true;
    }

    private void refuse(ProtocolException e) {
        logOnce(e.code().wireName(), Level.INFO, "refused " + (e.requestType() == null ? "a message" : e.requestType())
                + ": " + e.code().wireName() + ": " + e.getMessage(), null);
        send(e.toMessage());
    }

    private void send(ServerMessage message) {
        connection.deliver(message);
    }

    private void logOnce(String kind, Level level, String message, Throwable thrown) {
        if (LOG.isLoggable(level) && logThrottle.allow(kind, System.nanoTime())) {
            LOG.log(level, label() + " " + message + " (further '" + kind + "' lines suppressed for 10 s)", thrown);
        }
    }

    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
