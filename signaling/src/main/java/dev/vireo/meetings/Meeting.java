package dev.vireo.meetings;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A scheduled meeting as stored.
 *
 * @param id           the public id in REST paths
 * @param room         the signaling room it takes place in
 * @param title        1-{@link MeetingInput#MAX_TITLE} characters
 * @param start        the first occurrence's start, on the wall clock of its time zone
 * @param duration     how long each occurrence lasts
 * @param lobby        whether guests wait until a host admits them
 * @param passwordHash the {@link PasswordHash} encoding of the password, or null for none
 * @param recurrence   how it repeats, or null for a single occurrence
 * @param createdAt    when it was scheduled
 * @param updatedAt    when it last changed
 */
public record Meeting(String id, String room, String title, ZonedDateTime start, Duration duration, boolean lobby,
                     String passwordHash, Recurrence recurrence, Instant createdAt, Instant updatedAt) {
    public Meeting {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public ZoneId zone() {
        return start.getZone();
    }

    /** Leaves the password hash out. */
    @Override
    public String toString() {
        return "Meeting[id=" + id + ", room=" + room + ", title=" + title + ", start=" + start + ", duration="
                + duration + ", lobby=" + lobby + ", password=" + (passwordHash != null) + ", recurrence="
                + (recurrence == null ? "none" : recurrence.toRule()) + "]";
    }
}
