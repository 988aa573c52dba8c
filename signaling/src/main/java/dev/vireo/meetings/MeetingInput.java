package dev.vireo.meetings;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of a create ({@code POST}) or change ({@code PATCH}) request, each validated. A field that was not in
 * the request is null here (for {@link #password}: absent = null, JSON null = an empty Optional, meaning "remove").
 */
public record MeetingInput(String title, OffsetDateTime startsAt, Integer durationMinutes, ZoneId timeZone,
                           Boolean lobby, Optional<String> password, String recurrence, boolean recurrenceGiven,
                           String room) {
    public static final int MAX_TITLE = 200;
    public static final int MAX_DURATION_MINUTES = 24 * 60;
    public static final int MAX_PASSWORD = 128;
    public static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Set<String> FIELDS = Set.of("title", "startsAt", "durationMinutes", "timeZone", "lobby",
            "password", "recurrence", "room");

    /** Reads a request body; {@code create} requires title, startsAt, durationMinutes and timeZone. */
    public static MeetingInput read(JsonObject body, boolean create) throws InvalidFieldException {
        for (String key : body.keySet()) {
            if (!create && key.equals("room")) {
                throw new InvalidFieldException(key, "cannot be changed: links already sent name the room");
            }
            if (!FIELDS.contains(key)) {
                throw new InvalidFieldException(key, "unknown field (fields: title, startsAt, durationMinutes, "
                        + "timeZone, lobby, password, recurrence" + (create ? ", room" : "") + ")");
            }
        }
        String title = string(body, "title", create);
        if (title != null) {
            title = title.strip();
            if (title.isEmpty() || title.codePointCount(0, title.length()) > MAX_TITLE
                    || title.codePoints().anyMatch(Character::isISOControl)) {
                throw new InvalidFieldException("title", "must be 1-" + MAX_TITLE
                        + " characters without control characters");
            }
        }
        OffsetDateTime startsAt = null;
        String startText = string(body, "startsAt", create);
        if (startText != null) {
            try {
                startsAt = OffsetDateTime.parse(startText);
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException("startsAt", "must be an ISO-8601 date and time with an offset, like "
                        + "2026-11-24T14:00:00+01:00");
            }
        }
        Integer duration = null;
        JsonElement d = present(body, "durationMinutes", create);
        if (d != null) {
            if (!isNumber(d) || !d.getAsString().matches("-?\\d{1,9}")) {
                throw new InvalidFieldException("durationMinutes", "must be a whole number of minutes");
            }
            duration = d.getAsInt();
            if (duration <= 0 || duration > MAX_DURATION_MINUTES) {
                throw new InvalidFieldException("durationMinutes", "must be 1-" + MAX_DURATION_MINUTES);
            }
        }
        ZoneId zone = null;
        String zoneText = string(body, "timeZone", create);
        if (zoneText != null) {
            zone = zone(zoneText);
        }
        Boolean lobby = null;
        JsonElement l = present(body, "lobby", false);
        if (l != null) {
            if (!(l.isJsonPrimitive() && l.getAsJsonPrimitive().isBoolean())) {
                throw new InvalidFieldException("lobby", "must be true or false");
            }
            lobby = l.getAsBoolean();
        }
        Optional<String> password = null;
        if (body.has("password")) {
            JsonElement p = body.get("password");
            if (p.isJsonNull() || (isString(p) && p.getAsString().isEmpty())) {
                password = Optional.empty();
            } else if (!isString(p) || p.getAsString().length() > MAX_PASSWORD) {
                throw new InvalidFieldException("password", "must be a string of 1-" + MAX_PASSWORD + " characters");
            } else {
                password = Optional.of(p.getAsString());
            }
        }
        String recurrence = null;
        boolean recurrenceGiven = body.has("recurrence");
        if (recurrenceGiven && !body.get("recurrence").isJsonNull()) {
            JsonElement r = body.get("recurrence");
            if (!isString(r)) {
                throw new InvalidFieldException("recurrence", "must be an RRULE string like FREQ=WEEKLY;BYDAY=MO");
            }
            recurrence = r.getAsString().isBlank() ? null : r.getAsString();
        }
        String room = null;
        if (create) {
            room = string(body, "room", false);
            if (room != null && !ROOM.matcher(room).matches()) {
                throw new InvalidFieldException("room", "must be 1-64 characters of A-Z a-z 0-9 _ - .");
            }
        }
        return new MeetingInput(title, startsAt, duration, zone, lobby, password, recurrence, recurrenceGiven, room);
    }

    /** An IANA region id such as Europe/Berlin (not a bare offset: offsets do not follow daylight saving). */
    public static ZoneId zone(String text) throws InvalidFieldException {
        if (!ZoneId.getAvailableZoneIds().contains(text)) {
            throw new InvalidFieldException("timeZone", "unknown time zone '" + shown(text)
                    + "'; use an IANA name like Europe/Berlin");
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new InvalidFieldException("timeZone", "unknown time zone '" + shown(text) + "'");
        }
    }

    /** The first start on the wall clock of {@code zone}: the same instant as the given offset time. */
    public static ZonedDateTime start(OffsetDateTime startsAt, ZoneId zone) {
        return startsAt.atZoneSameInstant(zone);
    }

    /** Parses the recurrence for a series starting at {@code start}. */
    public static Recurrence recurrence(String rule, ZoneId zone) throws InvalidFieldException {
        try {
            return rule == null ? null : Recurrence.parse(rule, zone);
        } catch (Recurrence.InvalidRuleException e) {
            throw new InvalidFieldException("recurrence", e.getMessage());
        }
    }

    public static Duration duration(int minutes) {
        return Duration.ofMinutes(minutes);
    }

    private static JsonElement present(JsonObject body, String field, boolean required) throws InvalidFieldException {
        JsonElement e = body.get(field);
        if (e == null || e.isJsonNull()) {
            if (required) {
                throw new InvalidFieldException(field, "is required");
            }
            return null;
        }
        return e;
    }

    private static String string(JsonObject body, String field, boolean required) throws InvalidFieldException {
        JsonElement e = present(body, field, required);
        if (e == null) {
            return null;
        }
        if (!isString(e)) {
            throw new InvalidFieldException(field, "must be a string");
        }
        return e.getAsString();
    }

    private static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && ((JsonPrimitive) e).isString();
    }

    private static boolean isNumber(JsonElement e) {
        return e.isJsonPrimitive() && ((JsonPrimitive) e).isNumber();
    }

    private static String shown(String s) {
        String cut = s.length() <= 40 ? s : s.substring(0, 40) + "...";
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
