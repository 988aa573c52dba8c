package dev.vireo.meetings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our .ics read by an independent iCalendar implementation (ical4j): it parses and validates, and the occurrences
 * it computes from DTSTART;TZID + RRULE + VTIMEZONE are the instants our own expansion gives, across DST changes.
 */
class ICalendarInteropTest {
    @ParameterizedTest
    @ValueSource(strings = {"FREQ=WEEKLY;BYDAY=TU,TH;COUNT=12", "FREQ=DAILY;INTERVAL=3;UNTIL=20270415T120000Z",
            "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=40"})
    void ical4jParsesItAndExpandsTheSameOccurrences(String rule) throws Exception {
        ZonedDateTime start = ZonedDateTime.parse("2027-03-02T09:30+01:00[Europe/Berlin]"); // a Tuesday
        Meeting m = new Meeting("abcdefgh23456789", "m-room", "Sync; with, escapes", start, Duration.ofMinutes(45),
                false, null, Recurrence.parse(rule, start.getZone()), Instant.EPOCH, Instant.EPOCH);
        String ics = ICalendar.of(m, "http://vireo.example/room/m-room", Instant.parse("2027-02-01T00:00:00Z"));

        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        ValidationResult validation = calendar.validate();
        assertTrue(!validation.hasErrors(), validation.toString());
        VEvent event = calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
        assertEquals("Sync; with, escapes", event.getSummary().getValue());

        ZonedDateTime from = ZonedDateTime.parse("2027-02-01T00:00Z[UTC]");
        ZonedDateTime to = ZonedDateTime.parse("2027-06-01T00:00Z[UTC]");
        Set<Period<ZonedDateTime>> periods = event.calculateRecurrenceSet(new Period<>(from, to));
        Set<Instant> theirs = periods.stream().map(p -> p.getStart().toInstant())
                .collect(Collectors.toCollection(TreeSet::new));
        List<Instant> ours = m.recurrence().occurrences(start, m.duration(), from.toInstant(), to.toInstant(), 1000)
                .stream().map(ZonedDateTime::toInstant).toList();
        assertTrue(ours.size() > 5, "a meaningful series: " + ours);
        assertEquals(List.copyOf(theirs), ours);
    }
}
