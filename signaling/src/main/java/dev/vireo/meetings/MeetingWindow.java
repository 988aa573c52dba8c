package dev.vireo.meetings;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * When a meeting's room lets people in: from {@code openBefore} before an occurrence starts until {@code grace} after
 * it ends. A pure decision: the caller passes the time.
 *
 * @param openBefore how early the room opens before each occurrence
 * @param grace      how long after an occurrence's end joins are still accepted
 */
public record MeetingWindow(Duration openBefore, Duration grace) {
    /** The window's answer for one moment. */
    public sealed interface State permits Open, NotYet, Over {
    }

    /** The room is open for the occurrence starting at {@code start}. */
    public record Open(ZonedDateTime start) implements State {
    }

    /** The next occurrence starts at {@code start}; the room opens at {@code opensAt}. */
    public record NotYet(ZonedDateTime start, Instant opensAt) implements State {
    }

    /** No occurrence is left. */
    public record Over(ZonedDateTime lastEnd) implements State {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    public MeetingWindow {
        if (openBefore.isNegative() || grace.isNegative()) {
            throw new IllegalArgumentException("open-before and grace must not be negative");
        }
    }

    /** Where {@code now} stands for {@code meeting}'s room. */
    public State at(Meeting meeting, Instant now) {
        Duration stay = meeting.duration().plus(grace);
        List<ZonedDateTime> open = occurrences(meeting, stay, now, now.plus(openBefore).plusMillis(1), 1);
        if (!open.isEmpty()) {
            return new Open(open.get(0));
        }
        List<ZonedDateTime> next = occurrences(meeting, meeting.duration(), now, Instant.MAX, 1);
        if (!next.isEmpty()) {
            return new NotYet(next.get(0), next.get(0).toInstant().minus(openBefore));
        }
        ZonedDateTime last = meeting.recurrence() == null ? meeting.start()
                : meeting.recurrence().lastStart(meeting.start());
        if (last == null) {
            last = meeting.start();
        }
        return new Over(last.plus(meeting.duration()));
    }

    /** The occurrences of {@code meeting} lasting {@code length} that overlap {@code [from, to)}. */
    public static List<ZonedDateTime> occurrences(Meeting meeting, Duration length, Instant from, Instant to,
                                                  int limit) {
        if (meeting.recurrence() == null) {
            Instant start = meeting.start().toInstant();
            boolean overlaps = start.isBefore(to) && start.plus(length).isAfter(from);
            return overlaps && limit > 0 ? List.of(meeting.start()) : List.of();
        }
        return meeting.recurrence().occurrences(meeting.start(), length, from, to, limit);
    }

    /** What someone who comes outside the window is told, e.g. "starts at 14:00 Europe/Berlin (Tue 24 Nov 2026)". */
    public String explain(State state) {
        if (state instanceof NotYet n) {
            return "This meeting starts at " + TIME.format(n.start()) + " " + n.start().getZone().getId() + " ("
                    + DAY.format(n.start()) + "); the room opens " + minutes(openBefore) + " before.";
        }
        if (state instanceof Over o) {
            return "This meeting ended at " + TIME.format(o.lastEnd()) + " " + o.lastEnd().getZone().getId() + " ("
                    + DAY.format(o.lastEnd()) + ").";
        }
        return "The meeting is open.";
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m == 1 ? "1 minute" : m + " minutes";
    }
}
