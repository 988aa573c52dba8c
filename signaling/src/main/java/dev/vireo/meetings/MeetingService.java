package dev.vireo.meetings;

import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Role;
import dev.vireo.auth.Tokens;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Schedules, changes and deletes meetings, and issues their tokens. */
public final class MeetingService {
    /** Most occurrences one list call returns. */
    public static final int MAX_OCCURRENCES = 1000;
    /** How long a host link of a series that never ends stays valid. */
    static final Duration ENDLESS_HOST_TOKEN = Duration.ofDays(365);
    private static final char[] ID_CHARS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One occurrence of a meeting. */
    public record Occurrence(Meeting meeting, ZonedDateTime start) {
        public ZonedDateTime end() {
            return start.plus(meeting.duration());
        }
    }

    private final MeetingStore store;
    private final Tokens tokens;
    private final Clock clock;
    private final MeetingWindow window;
    private final Consumer<Meeting> onDeleted;

    /**
     * @param onDeleted told about each deleted meeting, so that a meeting in progress ends for everyone
     */
    public MeetingService(MeetingStore store, Tokens tokens, Clock clock, MeetingWindow window,
                          Consumer<Meeting> onDeleted) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
        this.window = window;
        this.onDeleted = onDeleted;
    }

    public MeetingWindow window() {
        return window;
    }

    public MeetingStore store() {
        return store;
    }

    public Meeting create(MeetingInput in) throws InvalidFieldException, SQLException, MeetingStore.RoomTakenException {
        ZoneId zone = in.timeZone();
        ZonedDateTime start = MeetingInput.start(in.startsAt(), zone);
        Recurrence recurrence = MeetingInput.recurrence(in.recurrence(), zone);
        checkSynchronized(start, recurrence);
        Instant now = clock.instant();
        String id = randomId(16);
        String room = in.room() != null ? in.room() : "m-" + randomId(12);
        String hash = in.password() != null && in.password().isPresent() ? PasswordHash.hash(in.password().get())
                : null;
        Meeting meeting = new Meeting(id, room, in.title(), start, MeetingInput.duration(in.durationMinutes()),
                Boolean.TRUE.equals(in.lobby()), hash, recurrence, now, now);
        store.insert(meeting);
        return meeting;
    }

    /** Applies the fields given in {@code in}; empty when there is no such meeting. */
    public Optional<Meeting> update(String id, MeetingInput in) throws InvalidFieldException, SQLException {
        Optional<Meeting> found = store.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Meeting m = found.get();
        ZoneId zone = in.timeZone() != null ? in.timeZone() : m.zone();
        // A new zone alone keeps the instant; a new start is taken as given and shown in the (new) zone.
        ZonedDateTime start = in.startsAt() != null ? MeetingInput.start(in.startsAt(), zone)
                : m.start().withZoneSameInstant(zone);
        Recurrence recurrence;
        if (in.recurrenceGiven()) {
            recurrence = MeetingInput.recurrence(in.recurrence(), zone);
        } else {
            recurrence = m.recurrence() == null ? null : MeetingInput.recurrence(m.recurrence().toRule(), zone);
        }
        checkSynchronized(start, recurrence);
        String hash = m.passwordHash();
        if (in.password() != null) {
            hash = in.password().map(PasswordHash::hash).orElse(null);
        }
        Meeting changed = new Meeting(m.id(), m.room(), in.title() != null ? in.title() : m.title(), start,
                in.durationMinutes() != null ? MeetingInput.duration(in.durationMinutes()) : m.duration(),
                in.lobby() != null ? in.lobby() : m.lobby(), hash, recurrence, m.createdAt(), clock.instant());
        return store.update(changed) ? Optional.of(changed) : Optional.empty();
    }

    /**
     * The first start must be one of the rule's days: RFC 5545 §3.8.5.3 leaves a DTSTART that the rule would not
     * produce undefined, and calendar programs do disagree on it (ical4j leaves it out, the RFC's COUNT counts it),
     * so such a meeting would happen on different days in the room and in people's calendars.
     */
    private static void checkSynchronized(ZonedDateTime start, Recurrence recurrence) throws InvalidFieldException {
        if (recurrence != null && !recurrence.byDay().isEmpty() && !recurrence.byDay().contains(start.getDayOfWeek())) {
            throw new InvalidFieldException("recurrence", "BYDAY must include the weekday of startsAt ("
                    + start.getDayOfWeek().name().substring(0, 2) + ") so that calendars agree on the first occurrence");
        }
    }

    public Optional<Meeting> find(String id) throws SQLException {
        return store.find(id);
    }

    public boolean delete(String id) throws SQLException {
        Optional<Meeting> m = store.find(id);
        if (m.isEmpty() || !store.delete(id)) {
            return false;
        }
        onDeleted.accept(m.get());
        return true;
    }

    /** The occurrences overlapping {@code [from, to)}, by start; at most {@link #MAX_OCCURRENCES}. */
    public List<Occurrence> occurrences(Instant from, Instant to) throws SQLException {
        List<Occurrence> out = new ArrayList<>();
        for (Meeting m : store.overlapping(from, to)) {
            for (ZonedDateTime start : MeetingWindow.occurrences(m, m.duration(), from, to, MAX_OCCURRENCES)) {
                out.add(new Occurrence(m, start));
            }
        }
        out.sort(Comparator.comparing((Occurrence o) -> o.start().toInstant()).thenComparing(o -> o.meeting().id()));
        return out.size() > MAX_OCCURRENCES ? out.subList(0, MAX_OCCURRENCES) : out;
    }

    /** A host token valid until the meeting's last occurrence has ended (plus the grace), or a year. */
    public String hostToken(Meeting m) {
        Instant now = clock.instant();
        Instant seriesEnd = MeetingStore.seriesEnd(m);
        Instant expires = seriesEnd == null ? now.plus(ENDLESS_HOST_TOKEN) : seriesEnd.plus(window.grace());
        if (!expires.isAfter(now)) {
            expires = now.plus(Duration.ofHours(1));
        }
        return tokens.issue(new AccessToken(m.room(), "host-" + m.id(), "Host", Role.HOST, expires));
    }

    /** A token for {@code name} with {@code role}, valid for {@code ttl}. */
    public AccessToken token(Meeting m, String identity, String name, Role role, Duration ttl) {
        return new AccessToken(m.room(), identity != null ? identity : role.wireName() + "-" + randomId(8), name,
                role, clock.instant().plus(ttl));
    }

    public String sign(AccessToken token) {
        return tokens.issue(token);
    }

    static String randomId(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        }
        return new String(out);
    }
}
