package dev.vireo.meetings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When a meeting's room is open (10 min before, 15 min grace), as a table of moments; the time is passed in. */
class MeetingWindowTest {
    private static final MeetingWindow WINDOW = new MeetingWindow(Duration.ofMinutes(10), Duration.ofMinutes(15));

    private static Meeting meeting(String rule) throws Exception {
        ZonedDateTime start = ZonedDateTime.parse("2026-11-24T14:00+01:00[Europe/Berlin]");
        return new Meeting("abcdefgh23456789", "r", "T", start, Duration.ofMinutes(60), false, null,
                rule == null ? null : Recurrence.parse(rule, start.getZone()), Instant.EPOCH, Instant.EPOCH);
    }

    static Stream<Arguments> moments() {
        return Stream.of(
                // single meeting 13:00Z-14:00Z
                Arguments.of(null, "2026-11-24T12:49:59Z", "NotYet", "This meeting starts at 14:00 Europe/Berlin "
                        + "(Tue 24 Nov 2026); the room opens 10 minutes before."),
                Arguments.of(null, "2026-11-24T12:50:00Z", "Open", "The meeting is open."),
                Arguments.of(null, "2026-11-24T13:30:00Z", "Open", "The meeting is open."),
                Arguments.of(null, "2026-11-24T14:14:59Z", "Open", "The meeting is open."),
                Arguments.of(null, "2026-11-24T14:15:00Z", "Over", "This meeting ended at 15:00 Europe/Berlin "
                        + "(Tue 24 Nov 2026)."),
                // daily, 3 times: between occurrences the next one is named; after the last it is over
                Arguments.of("FREQ=DAILY;COUNT=3", "2026-11-25T08:00:00Z", "NotYet", "This meeting starts at 14:00 "
                        + "Europe/Berlin (Wed 25 Nov 2026); the room opens 10 minutes before."),
                Arguments.of("FREQ=DAILY;COUNT=3", "2026-11-26T12:55:00Z", "Open", "The meeting is open."),
                Arguments.of("FREQ=DAILY;COUNT=3", "2026-11-26T14:20:00Z", "Over", "This meeting ended at 15:00 "
                        + "Europe/Berlin (Thu 26 Nov 2026)."),
                // a series without end is never over
                Arguments.of("FREQ=WEEKLY", "2027-06-01T10:00:00Z", "NotYet", "This meeting starts at 14:00 "
                        + "Europe/Berlin (Tue 1 Jun 2027); the room opens 10 minutes before."));
    }

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @MethodSource("moments")
    void decidesFromTheTimeGiven(String rule, String now, String state, String explained) throws Exception {
        MeetingWindow.State s = WINDOW.at(meeting(rule), Instant.parse(now));
        assertEquals(state, s.getClass().getSimpleName());
        assertEquals(explained, WINDOW.explain(s));
        if (s instanceof MeetingWindow.NotYet n) {
            assertEquals(n.start().toInstant().minus(Duration.ofMinutes(10)), n.opensAt());
        }
        if (state.equals("Open")) {
            assertInstanceOf(MeetingWindow.Open.class, s);
        }
    }
}
