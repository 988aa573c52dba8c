package dev.vireo.meetings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RRULE expansion on the wall clock of the meeting's zone, as tables: rule, first start, window, expected starts. */
class RecurrenceTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static Stream<Arguments> expansions() {
        return Stream.of(
                // Daily, 3 times.
                Arguments.of("FREQ=DAILY;COUNT=3", "2026-11-24T14:00+01:00[Europe/Berlin]",
                        "2026-11-01T00:00:00Z", "2026-12-31T00:00:00Z",
                        List.of("2026-11-24T14:00+01:00", "2026-11-25T14:00+01:00", "2026-11-26T14:00+01:00")),
                // Every other day until a UTC instant (inclusive).
                Arguments.of("FREQ=DAILY;INTERVAL=2;UNTIL=20261128T130000Z", "2026-11-24T14:00+01:00[Europe/Berlin]",
                        "2026-11-01T00:00:00Z", "2026-12-31T00:00:00Z",
                        List.of("2026-11-24T14:00+01:00", "2026-11-26T14:00+01:00", "2026-11-28T14:00+01:00")),
                // Weekly on Monday and Wednesday from a Tuesday: the first start counts, then MO/WE.
                Arguments.of("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4", "2026-11-24T09:00+01:00[Europe/Berlin]",
                        "2026-11-01T00:00:00Z", "2026-12-31T00:00:00Z",
                        List.of("2026-11-24T09:00+01:00", "2026-11-25T09:00+01:00", "2026-11-30T09:00+01:00",
                                "2026-12-02T09:00+01:00")),
                // Every two weeks on Friday, only the part inside the window.
                Arguments.of("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "2026-11-06T10:00+01:00[Europe/Berlin]",
                        "2026-11-15T00:00:00Z", "2026-12-20T00:00:00Z",
                        List.of("2026-11-20T10:00+01:00", "2026-12-04T10:00+01:00", "2026-12-18T10:00+01:00")),
                // Weekly across the end of summer time in Berlin (25 Oct 2026): 09:00 stays 09:00, offset changes.
                Arguments.of("FREQ=WEEKLY;COUNT=3", "2026-10-18T09:00+02:00[Europe/Berlin]",
                        "2026-10-01T00:00:00Z", "2026-11-30T00:00:00Z",
                        List.of("2026-10-18T09:00+02:00", "2026-10-25T09:00+01:00", "2026-11-01T09:00+01:00")),
                // Daily across the start of summer time in New York (8 Mar 2026): 08:30 stays 08:30 local.
                Arguments.of("FREQ=DAILY;COUNT=3", "2026-03-07T08:30-05:00[America/New_York]",
                        "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z",
                        List.of("2026-03-07T08:30-05:00", "2026-03-08T08:30-04:00", "2026-03-09T08:30-04:00")),
                // 02:30 does not exist on 29 Mar 2026 in Berlin: skipped and not counted (RFC 5545 §3.3.10).
                Arguments.of("FREQ=DAILY;COUNT=3", "2026-03-28T02:30+01:00[Europe/Berlin]",
                        "2026-03-01T00:00:00Z", "2026-04-30T00:00:00Z",
                        List.of("2026-03-28T02:30+01:00", "2026-03-30T02:30+02:00", "2026-03-31T02:30+02:00")),
                // An occurrence that started before the window but is still running is listed.
                Arguments.of("FREQ=DAILY", "2026-11-24T14:00+01:00[Europe/Berlin]",
                        "2026-11-25T13:30:00Z", "2026-11-26T00:00:00Z",
                        List.of("2026-11-25T14:00+01:00")),
                // Weekdays only, no end.
                Arguments.of("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "2026-11-27T08:00-05:00[America/New_York]",
                        "2026-11-27T00:00:00Z", "2026-12-02T00:00:00Z",
                        List.of("2026-11-27T08:00-05:00", "2026-11-30T08:00-05:00", "2026-12-01T08:00-05:00")),
                // A date-only UNTIL is the end of that day on the meeting's wall clock.
                Arguments.of("RRULE:FREQ=WEEKLY;UNTIL=20261208", "2026-11-24T23:00+01:00[Europe/Berlin]",
                        "2026-11-01T00:00:00Z", "2026-12-31T00:00:00Z",
                        List.of("2026-11-24T23:00+01:00", "2026-12-01T23:00+01:00", "2026-12-08T23:00+01:00")));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("expansions")
    void expandsOnTheWallClockOfTheZone(String rule, String first, String from, String to, List<String> expected)
            throws Exception {
        ZonedDateTime start = ZonedDateTime.parse(first);
        Recurrence r = Recurrence.parse(rule, start.getZone());
        List<String> got = r.occurrences(start, Duration.ofMinutes(60), Instant.parse(from), Instant.parse(to), 100)
                .stream().map(z -> z.toOffsetDateTime().toString()).toList();
        assertEquals(expected, got);
    }

    static Stream<Arguments> canonicalForms() {
        return Stream.of(
                Arguments.of("freq=weekly;byday=we,mo", "FREQ=WEEKLY;BYDAY=MO,WE"),
                Arguments.of("FREQ=DAILY;INTERVAL=1", "FREQ=DAILY"),
                Arguments.of("FREQ=DAILY;UNTIL=20261231", "FREQ=DAILY;UNTIL=20261231T225959Z"),
                Arguments.of("FREQ=WEEKLY;INTERVAL=3;COUNT=5;WKST=MO", "FREQ=WEEKLY;INTERVAL=3;COUNT=5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalForms")
    void writesTheCanonicalRuleWithUntilInUtc(String given, String canonical) throws Exception {
        assertEquals(canonical, Recurrence.parse(given, BERLIN).toRule());
        assertEquals(canonical, Recurrence.parse(canonical, BERLIN).toRule(), "canonical form is stable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "FREQ=MONTHLY", "FREQ=YEARLY;COUNT=2", "BYDAY=MO", "FREQ=DAILY;COUNT=0",
            "FREQ=DAILY;COUNT=2;UNTIL=20261231T000000Z", "FREQ=WEEKLY;BYDAY=1MO", "FREQ=WEEKLY;BYDAY=XX",
            "FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;INTERVAL=abc", "FREQ=DAILY;UNTIL=tomorrow", "FREQ=DAILY;FREQ=DAILY",
            "FREQ=DAILY;BYMONTH=1", "FREQ=DAILY;WKST=SU", "FREQ", "FREQ=DAILY;COUNT=1001"})
    void refusesRulesOutsideTheSubset(String rule) {
        Recurrence.InvalidRuleException e = assertThrows(Recurrence.InvalidRuleException.class,
                () -> Recurrence.parse(rule, BERLIN));
        assertTrue(!e.getMessage().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"FREQ=DAILY;COUNT=5", "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=7"})
    void lastStartIsTheLastExpandedOccurrence(String rule) throws Exception {
        ZonedDateTime first = ZonedDateTime.parse("2026-11-24T14:00+01:00[Europe/Berlin]");
        Recurrence r = Recurrence.parse(rule, BERLIN);
        List<ZonedDateTime> all = r.occurrences(first, Duration.ofMinutes(1), first.toInstant(), Instant.MAX, 100);
        assertEquals(r.count(), all.size());
        assertEquals(all.get(all.size() - 1), r.lastStart(first));
        assertEquals(null, Recurrence.parse("FREQ=DAILY", NEW_YORK).lastStart(first));
    }
}
