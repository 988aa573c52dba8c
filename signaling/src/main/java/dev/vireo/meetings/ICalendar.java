package dev.vireo.meetings;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;

/**
 * A meeting as an iCalendar object (RFC 5545): one VEVENT with UID, DTSTAMP, DTSTART;TZID=, DURATION, RRULE, URL,
 * and the VTIMEZONE its TZID refers to (§3.6.5), built from the JDK's zone rules. Lines end in CRLF and are folded at
 * 75 octets (§3.1) without splitting a UTF-8 character.
 */
public final class ICalendar {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int FOLD_OCTETS = 75;

    private ICalendar() {
    }

    /** The calendar file for {@code m}, whose join link is {@code joinUrl}, stamped at {@code now}. */
    public static String of(Meeting m, String joinUrl, Instant now) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Vireo//Vireo meetings//EN");
        line(out, "CALSCALE:GREGORIAN");
        // No METHOD: this is a calendar object to import (RFC 5545), not an iTIP message (RFC 5546, whose PUBLISH
        // would require an ORGANIZER).
        timeZone(out, m.zone(), m.start());
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + m.id() + "@vireo");
        line(out, "DTSTAMP:" + UTC.format(now));
        line(out, "CREATED:" + UTC.format(m.createdAt()));
        line(out, "LAST-MODIFIED:" + UTC.format(m.updatedAt()));
        line(out, "DTSTART;TZID=" + m.zone().getId() + ":" + LOCAL.format(m.start()));
        line(out, "DURATION:PT" + m.duration().toMinutes() + "M");
        if (m.recurrence() != null) {
            line(out, "RRULE:" + m.recurrence().toRule());
        }
        line(out, "SUMMARY:" + text(m.title()));
        line(out, "DESCRIPTION:" + text("Join the meeting: " + joinUrl));
        line(out, "LOCATION:" + text(joinUrl));
        line(out, "URL:" + joinUrl);
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /**
     * A VTIMEZONE for {@code zone}: its current yearly rules as STANDARD/DAYLIGHT with an RRULE when it has daylight
     * saving, otherwise the offset in force at the meeting's start.
     */
    private static void timeZone(StringBuilder out, ZoneId zone, ZonedDateTime start) {
        ZoneRules rules = zone.getRules();
        line(out, "BEGIN:VTIMEZONE");
        line(out, "TZID:" + zone.getId());
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        if (yearly.isEmpty()) {
            ZoneOffset offset = rules.getOffset(start.toInstant());
            ZoneOffsetTransition previous = rules.previousTransition(start.toInstant());
            line(out, "BEGIN:STANDARD");
            line(out, "DTSTART:" + LOCAL.format(previous == null ? LocalDateTime.of(1970, 1, 1, 0, 0)
                    : previous.getDateTimeAfter()));
            line(out, "TZOFFSETFROM:" + offset(previous == null ? offset : previous.getOffsetBefore()));
            line(out, "TZOFFSETTO:" + offset(offset));
            line(out, "END:STANDARD");
        } else {
            for (ZoneOffsetTransitionRule rule : yearly) {
                boolean daylight = rule.getOffsetAfter().getTotalSeconds()
                        > rule.getStandardOffset().getTotalSeconds();
                String kind = daylight ? "DAYLIGHT" : "STANDARD";
                ZoneOffsetTransition t = rule.createTransition(1970);
                line(out, "BEGIN:" + kind);
                line(out, "DTSTART:" + LOCAL.format(t.getDateTimeBefore()));
                line(out, "RRULE:FREQ=YEARLY;BYMONTH=" + rule.getMonth().getValue() + ";" + byDay(rule));
                line(out, "TZOFFSETFROM:" + offset(rule.getOffsetBefore()));
                line(out, "TZOFFSETTO:" + offset(rule.getOffsetAfter()));
                line(out, "END:" + kind);
            }
        }
        line(out, "END:VTIMEZONE");
    }

    /** The day part of a yearly transition rule: "BYDAY=-1SU", "BYDAY=2SU", or a day-of-month range with a weekday. */
    private static String byDay(ZoneOffsetTransitionRule rule) {
        int day = rule.getDayOfMonthIndicator();
        DayOfWeek dow = rule.getDayOfWeek();
        if (dow == null) {
            return "BYMONTHDAY=" + day;
        }
        String weekday = dow.name().substring(0, 2);
        if (day < 0) {
            return day == -1 ? "BYDAY=-1" + weekday : "BYDAY=" + weekday + ";BYMONTHDAY=" + range(day - 6, day);
        }
        java.time.Month month = rule.getMonth();
        if (month.minLength() == month.maxLength() && day == month.maxLength() - 6) {
            return "BYDAY=-1" + weekday; // "first Sunday on or after the 25th" of a 31-day month is its last Sunday
        }
        if ((day - 1) % 7 == 0) {
            return "BYDAY=" + ((day - 1) / 7 + 1) + weekday;
        }
        return "BYDAY=" + weekday + ";BYMONTHDAY=" + range(day, day + 6);
    }

    private static String range(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int d = from; d <= to; d++) {
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(d);
        }
        return s.toString();
    }

    private static String offset(ZoneOffset o) {
        int total = o.getTotalSeconds();
        int abs = Math.abs(total);
        String s = String.format(Locale.ROOT, "%s%02d%02d", total < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
        return abs % 60 == 0 ? s : s + String.format(Locale.ROOT, "%02d", abs % 60);
    }

    /** A TEXT value (§3.3.11): backslash, semicolon, comma and newlines escaped. */
    static String text(String s) {
        return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Appends a content line, folded (§3.1): at most 75 octets per physical line, continuations start with a space. */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = FOLD_OCTETS;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = FOLD_OCTETS - 1; // the leading space counts
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
