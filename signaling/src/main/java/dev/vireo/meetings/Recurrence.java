package dev.vireo.meetings;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The subset of RFC 5545 §3.3.10 recurrence rules meetings use: {@code FREQ=DAILY|WEEKLY}, {@code INTERVAL},
 * {@code BYDAY} (plain weekdays), {@code COUNT} or {@code UNTIL}, weeks starting on Monday ({@code WKST=MO}).
 *
 * <p>Occurrences are computed on the wall clock of the meeting's time zone, so a 09:00 weekly meeting stays at 09:00
 * across daylight-saving changes. A computed local time that does not exist (inside a spring-forward gap) is skipped
 * and not counted, as §3.3.10 requires; a time that exists twice (autumn overlap) takes the earlier offset.
 *
 * @param frequency DAILY or WEEKLY
 * @param interval  every how many days or weeks, at least 1
 * @param byDay     the weekdays it happens on; empty means the weekday of the first occurrence
 * @param count     how many occurrences in all (the first included), or 0 for no count
 * @param until     the last instant an occurrence may start (inclusive), or null
 */
public record Recurrence(Frequency frequency, int interval, Set<DayOfWeek> byDay, int count, Instant until) {
    public static final int MAX_INTERVAL = 366;
    public static final int MAX_COUNT = 1000;
    private static final DateTimeFormatter UTC_FORM = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_FORM = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
    private static final DateTimeFormatter DATE_FORM = DateTimeFormatter.BASIC_ISO_DATE;

    public enum Frequency { DAILY, WEEKLY }

    /** An RRULE value that is not in the supported subset; the message says which part. */
    public static final class InvalidRuleException extends Exception {
        public InvalidRuleException(String message) {
            super(message, null, false, false);
        }
    }

    public Recurrence {
        byDay = byDay.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(byDay));
        if (interval < 1 || interval > MAX_INTERVAL) {
            throw new IllegalArgumentException("interval must be 1-" + MAX_INTERVAL);
        }
        if (count < 0 || count > MAX_COUNT || (count > 0 && until != null)) {
            throw new IllegalArgumentException("count must be 0-" + MAX_COUNT + " and not combined with until");
        }
    }

    /**
     * Parses an RRULE value such as {@code FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10} (an {@code RRULE:} prefix is
     * allowed). A date-only or floating {@code UNTIL} is read on the wall clock of {@code zone}, end of day for a date.
     */
    public static Recurrence parse(String rule, ZoneId zone) throws InvalidRuleException {
        String text = rule.strip();
        if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
            text = text.substring(6);
        }
        if (text.isEmpty() || text.length() > 200) {
            throw new InvalidRuleException("must be an RRULE of 1-200 characters like FREQ=WEEKLY;BYDAY=MO");
        }
        Frequency frequency = null;
        int interval = 1;
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        int count = 0;
        Instant until = null;
        Set<String> seen = new java.util.HashSet<>();
        for (String part : text.split(";", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new InvalidRuleException("'" + shown(part) + "' is not NAME=VALUE");
            }
            String name = part.substring(0, eq).toUpperCase(Locale.ROOT);
            String value = part.substring(eq + 1).toUpperCase(Locale.ROOT);
            if (!seen.add(name)) {
                throw new InvalidRuleException(name + " appears twice");
            }
            switch (name) {
                case "FREQ" -> {
                    try {
                        frequency = Frequency.valueOf(value);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidRuleException("FREQ must be DAILY or WEEKLY, not '" + shown(value) + "'");
                    }
                }
                case "INTERVAL" -> interval = number(name, value, 1, MAX_INTERVAL);
                case "COUNT" -> count = number(name, value, 1, MAX_COUNT);
                case "UNTIL" -> until = untilInstant(value, zone);
                case "BYDAY" -> {
                    for (String day : value.split(",", -1)) {
                        days.add(weekday(day));
                    }
                }
                case "WKST" -> {
                    if (!value.equals("MO")) {
                        throw new InvalidRuleException("only WKST=MO is supported");
                    }
                }
                default -> throw new InvalidRuleException(shown(name) + " is not supported (use FREQ, INTERVAL, "
                        + "BYDAY, COUNT, UNTIL)");
            }
        }
        if (frequency == null) {
            throw new InvalidRuleException("FREQ is required");
        }
        if (count > 0 && until != null) {
            throw new InvalidRuleException("COUNT and UNTIL must not both be given (RFC 5545 §3.3.10)");
        }
        return new Recurrence(frequency, interval, days, count, until);
    }

    /** The canonical RRULE value: UNTIL in UTC, as RFC 5545 requires when DTSTART has a TZID. */
    public String toRule() {
        StringJoiner out = new StringJoiner(";");
        out.add("FREQ=" + frequency);
        if (interval != 1) {
            out.add("INTERVAL=" + interval);
        }
        if (!byDay.isEmpty()) {
            StringJoiner days = new StringJoiner(",");
            EnumSet.copyOf(byDay).forEach(d -> days.add(d.name().substring(0, 2)));
            out.add("BYDAY=" + days);
        }
        if (count > 0) {
            out.add("COUNT=" + count);
        }
        if (until != null) {
            out.add("UNTIL=" + UTC_FORM.format(until));
        }
        return out.toString();
    }

    /**
     * The starts of the occurrences of a series whose first occurrence starts at {@code first}, for occurrences
     * lasting {@code length} that overlap {@code [from, to)}, in order; at most {@code limit} of them.
     */
    public List<ZonedDateTime> occurrences(ZonedDateTime first, java.time.Duration length, Instant from, Instant to,
                                           int limit) {
        List<ZonedDateTime> out = new ArrayList<>();
        LocalTime time = first.toLocalTime();
        ZoneId zone = first.getZone();
        // Without BYDAY a daily rule takes every day, a weekly one the first occurrence's weekday (§3.3.10).
        Set<DayOfWeek> days = !byDay.isEmpty() ? byDay
                : frequency == Frequency.DAILY ? EnumSet.allOf(DayOfWeek.class) : Set.of(first.getDayOfWeek());
        LocalDate firstDate = first.toLocalDate();
        LocalDate firstWeek = firstDate.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        int produced = 0;
        for (LocalDate date = firstDate; ; date = date.plusDays(1)) {
            if (!date.equals(firstDate)) {
                if (!days.contains(date.getDayOfWeek()) || !inInterval(firstDate, firstWeek, date)) {
                    continue;
                }
            }
            LocalDateTime local = LocalDateTime.of(date, time);
            ZonedDateTime start;
            if (date.equals(firstDate)) {
                start = first;
            } else {
                if (zone.getRules().getValidOffsets(local).isEmpty()) {
                    continue; // inside a spring-forward gap: not an occurrence (RFC 5545 §3.3.10)
                }
                start = ZonedDateTime.ofLocal(local, zone, null);
            }
            if (until != null && start.toInstant().isAfter(until)) {
                return out;
            }
            produced++;
            if (!start.toInstant().isBefore(to)) {
                return out;
            }
            if (start.toInstant().plus(length).isAfter(from)) {
                out.add(start);
                if (out.size() >= limit) {
                    return out;
                }
            }
            if (count > 0 && produced >= count) {
                return out;
            }
        }
    }

    private boolean inInterval(LocalDate firstDate, LocalDate firstWeek, LocalDate date) {
        if (frequency == Frequency.DAILY) {
            return ChronoUnit.DAYS.between(firstDate, date) % interval == 0;
        }
        LocalDate week = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return ChronoUnit.WEEKS.between(firstWeek, week) % interval == 0;
    }

    /** The start of the last occurrence, or null when the series never ends. */
    public ZonedDateTime lastStart(ZonedDateTime first) {
        if (count == 0 && until == null) {
            return null;
        }
        List<ZonedDateTime> all = occurrences(first, java.time.Duration.ofSeconds(1), first.toInstant(), Instant.MAX,
                MAX_COUNT * 8);
        return all.isEmpty() ? first : all.get(all.size() - 1);
    }

    private static int number(String name, String value, int min, int max) throws InvalidRuleException {
        if (!value.matches("\\d{1,6}")) {
            throw new InvalidRuleException(name + " must be a whole number " + min + "-" + max);
        }
        int n = Integer.parseInt(value);
        if (n < min || n > max) {
            throw new InvalidRuleException(name + " must be " + min + "-" + max);
        }
        return n;
    }

    private static DayOfWeek weekday(String day) throws InvalidRuleException {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 2).equals(day)) {
                return d;
            }
        }
        throw new InvalidRuleException("BYDAY takes MO,TU,WE,TH,FR,SA,SU (no ordinals), not '" + shown(day) + "'");
    }

    private static Instant untilInstant(String value, ZoneId zone) throws InvalidRuleException {
        try {
            if (value.length() == 16 && value.endsWith("Z")) {
                return Instant.from(UTC_FORM.parse(value));
            }
            if (value.length() == 15) {
                return LocalDateTime.parse(value, LOCAL_FORM).atZone(zone).toInstant();
            }
            if (value.length() == 8) {
                return LocalDate.parse(value, DATE_FORM).atTime(LocalTime.MAX.truncatedTo(ChronoUnit.SECONDS))
                        .atZone(zone).toInstant();
            }
        } catch (DateTimeParseException e) {
            // falls through to the error below
        }
        throw new InvalidRuleException("UNTIL must be a date like 20261231 or a UTC time like 20261231T235959Z");
    }

    private static String shown(String s) {
        String cut = s.length() <= 30 ? s : s.substring(0, 30) + "...";
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
