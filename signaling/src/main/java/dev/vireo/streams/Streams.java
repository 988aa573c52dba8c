package dev.vireo.streams;

import com.google.gson.annotations.SerializedName;
import dev.vireo.auth.AccessDeniedException;
import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Admission;
import dev.vireo.auth.Role;
import dev.vireo.auth.RoomKind;
import dev.vireo.auth.RoomRule;
import dev.vireo.auth.Tokens;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The broadcasts of this node and the rules of their rooms. A stream's room is a {@link RoomKind#BROADCAST} room:
 * a token's role applies; without a token a public stream admits a viewer and a private one nobody; a stopped stream
 * admits nobody.
 *
 * <p>Every stream is written to the {@link StreamStore} before its creation or stop is acknowledged, and the
 * stored ones are loaded at start, so a restart (even a crash) keeps them; what the media plane reports (live state,
 * bitrate, viewers) is only in memory.
 */
public final class Streams implements RoomRule {
    /** How long a stream's publish token is valid. */
    static final Duration PUBLISH_TOKEN_LIFETIME = Duration.ofHours(24);
    /** Reason given to the publisher and viewers of a stream that was stopped. */
    public static final String ENDED_REASON = "stream-ended";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    /** Ends everything in a room: the signaling stays, WHIP and WHEP sessions. */
    public interface RoomCloser {
        void endRoom(String room, String reason);
    }

    /** What the media plane and signaling report about a room now. */
    public interface RoomState {
        boolean publishing(String room);

        long receivedBytes(String room);

        int viewers(String room);
    }

    /**
     * What the API shows of a stream.
     *
     * @param startedAt when it went live this time (ISO-8601), or null when not live
     * @param bitrate   bits per second received from the publisher, 0 when not live
     */
    public record View(String id, String room, String title, @SerializedName("public") boolean isPublic, String state,
                       int viewers,
                       String startedAt, long bitrate, String createdAt) {
    }

    /** A new stream and the secret its publisher needs. */
    public record Created(View stream, String publishToken) {
    }

    private final ConcurrentHashMap<String, Stream> byRoom = new ConcurrentHashMap<>();
    private final StreamStore store;
    private final Tokens tokens;
    private final Clock clock;
    private final RoomState rooms;
    private final List<RoomCloser> closers = new CopyOnWriteArrayList<>();

    private Streams(StreamStore store, Tokens tokens, Clock clock, RoomState rooms) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
        this.rooms = rooms;
    }

    /** The streams of this node, with those stored in {@code store} by earlier runs. */
    public static Streams load(StreamStore store, Tokens tokens, Clock clock, RoomState rooms) throws SQLException {
        Streams streams = new Streams(store, tokens, clock, rooms);
        for (StreamStore.Row row : store.all()) {
            streams.byRoom.put(row.room(), new Stream(row.id(), row.room(), row.title(), row.isPublic(),
                    row.createdAt(), row.endedAt()));
        }
        return streams;
    }

    /** Adds what must end when a stream is stopped. */
    public void addCloser(RoomCloser closer) {
        closers.add(closer);
    }

    /**
     * Creates a stream in a fresh room and issues its host token.
     *
     * @throws SQLException when it could not be stored; then it does not exist
     */
    public Created create(String title, boolean isPublic) throws SQLException {
        Instant now = clock.instant();
        Stream stream;
        do {
            String id = newId();
            // Milliseconds, as stored: createdAt reads the same before and after a restart.
            stream = new Stream(id, id, title, isPublic, now.truncatedTo(ChronoUnit.MILLIS), null);
        } while (byRoom.putIfAbsent(stream.room, stream) != null);
        try {
            store.insert(stream.row());
        } catch (SQLException | RuntimeException e) {
            byRoom.remove(stream.room, stream);
            throw e;
        }
        String token = tokens.issue(new AccessToken(stream.room, "host-" + stream.id, title, Role.HOST,
                now.plus(PUBLISH_TOKEN_LIFETIME)));
        return new Created(view(stream), token);
    }

    /** A token for one more host or viewer of a stream. */
    public Optional<String> issueToken(String id, Role role, String name, Duration lifetime) {
        Stream stream = byRoom.get(id);
        if (stream == null || stream.ended()) {
            return Optional.empty();
        }
        String identity = role.wireName() + "-" + newId();
        return Optional.of(tokens.issue(new AccessToken(stream.room, identity, name == null ? identity : name, role,
                clock.instant().plus(lifetime))));
    }

    /** Streams not stopped, newest first; private ones only when {@code includePrivate}. */
    public List<View> list(boolean includePrivate) {
        List<Stream> all = new ArrayList<>(byRoom.values());
        all.sort(Comparator.comparing((Stream s) -> s.createdAt).reversed());
        List<View> out = new ArrayList<>();
        for (Stream s : all) {
            if (!s.ended() && (includePrivate || s.isPublic)) {
                out.add(view(s));
            }
        }
        return out;
    }

    public Optional<View> get(String id) {
        Stream stream = byRoom.get(id);
        return stream == null ? Optional.empty() : Optional.of(view(stream));
    }

    /** Whether a room is a stream's (stopped ones included). */
    public boolean governs(String room) {
        return byRoom.containsKey(room);
    }

    /**
     * Stops a stream: its room admits nobody from now on and everyone in it is disconnected with
     * {@link #ENDED_REASON}.
     *
     * @return the stream as stopped, or empty when there is no such stream
     * @throws SQLException when the stop could not be stored; then the stream goes on
     */
    public Optional<View> stop(String id) throws SQLException {
        Stream stream = byRoom.get(id);
        if (stream == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!stream.ended()) {
            // Stored first: a stop that was answered must not come back to life after a restart.
            store.end(stream.id, now);
        }
        if (stream.end(now)) {
            for (RoomCloser closer : closers) {
                closer.endRoom(stream.room, ENDED_REASON);
            }
        }
        return Optional.of(view(stream));
    }

    @Override
    public Optional<Admission> admit(String room, AccessToken token) throws AccessDeniedException {
        Stream stream = byRoom.get(room);
        if (stream == null) {
            return Optional.empty();
        }
        if (stream.ended()) {
            throw new AccessDeniedException(AccessDeniedException.Reason.ROOM_CLOSED,
                    "the stream " + stream.id + " has ended");
        }
        if (token != null) {
            return Optional.of(Admission.of(RoomKind.BROADCAST, token));
        }
        if (!stream.isPublic) {
            throw new AccessDeniedException(AccessDeniedException.Reason.UNAUTHORIZED,
                    "the stream " + stream.id + " is private: watching it needs an access token");
        }
        return Optional.of(new Admission(RoomKind.BROADCAST, Role.VIEWER, null, null));
    }

    private View view(Stream s) {
        boolean publishing = !s.ended() && rooms.publishing(s.room);
        Stream.Snapshot now = s.observe(publishing, publishing ? rooms.receivedBytes(s.room) : 0, clock.instant(),
                System.nanoTime());
        return new View(s.id, s.room, s.title, s.isPublic, now.state().wireName(),
                now.state() == StreamState.ENDED ? 0 : rooms.viewers(s.room),
                now.liveSince() == null ? null : now.liveSince().toString(), now.bitrate(), s.createdAt.toString());
    }

    private static String newId() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }
}
