package dev.vireo.meetings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The JSON shapes of the meetings API (documented in docs/api.md and docs/openapi.yaml). */
final class MeetingViews {
    private MeetingViews() {
    }

    /** A meeting as the API shows it. */
    record MeetingView(String id, String room, String title, String startsAt, String endsAt, int durationMinutes,
                       String timeZone, boolean lobby, boolean hasPassword, String recurrence, String joinUrl,
                       String hostUrl, String icsUrl, String createdAt, String updatedAt) {
    }

    /** One occurrence in a list. */
    record OccurrenceView(String meetingId, String title, String room, String startsAt, String endsAt,
                          String timeZone, boolean recurring, boolean lobby, boolean hasPassword, String joinUrl,
                          String hostUrl, String icsUrl) {
    }

    record OccurrenceList(String from, String to, java.util.List<OccurrenceView> occurrences) {
    }

    /** A join token issued for a meeting. */
    record TokenView(String token, String room, String identity, String name, String role, String expiresAt,
                     String joinUrl) {
    }

    static MeetingView meeting(Meeting m, String baseUrl, String hostToken) {
        return new MeetingView(m.id(), m.room(), m.title(), time(m.start()), time(m.start().plus(m.duration())),
                (int) m.duration().toMinutes(), m.zone().getId(), m.lobby(), m.passwordHash() != null,
                m.recurrence() == null ? null : m.recurrence().toRule(), joinUrl(baseUrl, m),
                joinUrl(baseUrl, m) + "?token=" + hostToken, icsUrl(baseUrl, m), instant(m.createdAt()),
                instant(m.updatedAt()));
    }

    static OccurrenceView occurrence(MeetingService.Occurrence o, String baseUrl, String hostToken) {
        Meeting m = o.meeting();
        return new OccurrenceView(m.id(), m.title(), m.room(), time(o.start()), time(o.end()), m.zone().getId(),
                m.recurrence() != null, m.lobby(), m.passwordHash() != null, joinUrl(baseUrl, m),
                joinUrl(baseUrl, m) + "?token=" + hostToken, icsUrl(baseUrl, m));
    }

    static String joinUrl(String baseUrl, Meeting m) {
        return baseUrl + "/room/" + URLEncoder.encode(m.room(), StandardCharsets.UTF_8);
    }

    static String icsUrl(String baseUrl, Meeting m) {
        return baseUrl + "/api/meetings/" + m.id() + ".ics";
    }

    /** ISO-8601 with the offset in force in the meeting's zone, e.g. 2026-11-24T14:00:00+01:00. */
    static String time(ZonedDateTime t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    static String instant(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
