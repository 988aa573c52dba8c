package dev.vireo.meetings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The .ics text: RFC 5545 lines, folding, escaping and the VTIMEZONE of the meeting's zone. */
class ICalendarTest {
    private static Meeting meeting(String title, String recurrence) throws Exception {
        ZonedDateTime start = ZonedDateTime.parse("2026-11-24T14:00+01:00[Europe/Berlin]");
        return new Meeting("abcdefgh23456789", "m-room", title, start, Duration.ofMinutes(45), false, null,
                recurrence == null ? null : Recurrence.parse(recurrence, start.getZone()),
                Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-21T10:00:00Z"));
    }

    /** Unfolds (§3.1): a CRLF followed by one space or tab is removed. */
    static List<String> unfold(String ics) {
        return Arrays.asList(ics.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n"));
    }

    @Test
    void oneEventWithUidStartInItsZoneDurationRuleAndUrl() throws Exception {
        String ics = ICalendar.of(meeting("Weekly sync", "FREQ=WEEKLY;BYDAY=TU;COUNT=10"),
                "http://vireo.example/room/m-room", Instant.parse("2026-11-21T12:00:00Z"));
        List<String> lines = unfold(ics);
        assertEquals("BEGIN:VCALENDAR", lines.get(0));
        assertEquals("END:VCALENDAR", lines.get(lines.size() - 1));
        assertTrue(ics.endsWith("\r\n"));
        assertEquals(ics.split("\r\n", -1).length - 1, ics.split("\n", -1).length - 1, "every line ends in CRLF");
        for (String expected : List.of("VERSION:2.0", "UID:abcdefgh23456789@vireo", "DTSTAMP:20261121T120000Z",
                "DTSTART;TZID=Europe/Berlin:20261124T140000", "DURATION:PT45M",
                "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10", "SUMMARY:Weekly sync", "URL:http://vireo.example/room/m-room",
                "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200")) {
            assertTrue(lines.contains(expected), expected + " in\n" + ics);
        }
        assertEquals(1, lines.stream().filter("BEGIN:VEVENT"::equals).count());
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingCharactersAndTextIsEscaped() throws Exception {
        String title = "Planung; Budget, Q1 \\ Überblick " + "äöü🎥".repeat(20);
        String ics = ICalendar.of(meeting(title, null), "http://vireo.example/room/m-room", Instant.EPOCH);
        for (String physical : ics.split("\r\n")) {
            assertTrue(physical.getBytes(StandardCharsets.UTF_8).length <= 75, "too long: " + physical);
            assertTrue(!physical.contains("\uFFFD"));
        }
        String summary = unfold(ics).stream().filter(l -> l.startsWith("SUMMARY:")).findFirst().orElseThrow();
        assertEquals("SUMMARY:Planung\\; Budget\\, Q1 \\\\ Überblick " + "äöü🎥".repeat(20), summary);
        assertTrue(unfold(ics).stream().noneMatch(l -> l.startsWith("RRULE:FREQ=DAILY")));
    }

    @Test
    void aZoneWithoutDaylightSavingGetsOneStandardPart() throws Exception {
        ZonedDateTime start = ZonedDateTime.parse("2026-11-24T14:00+05:30[Asia/Kolkata]");
        Meeting m = new Meeting("abcdefgh23456789", "r", "T", start, Duration.ofMinutes(30), false, null, null,
                Instant.EPOCH, Instant.EPOCH);
        List<String> lines = unfold(ICalendar.of(m, "http://x/room/r", Instant.EPOCH));
        assertTrue(lines.contains("TZOFFSETTO:+0530"), String.join("\n", lines));
        assertEquals(0, lines.stream().filter("BEGIN:DAYLIGHT"::equals).count());
        assertTrue(lines.contains("DTSTART;TZID=Asia/Kolkata:20261124T140000"));
    }
}
