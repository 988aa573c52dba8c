package dev.vireo.meetings;

import dev.vireo.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Meetings in the database; every call is one transaction. */
public final class MeetingStore {
    private static final String COLUMNS = "id, room, title, starts_at, time_zone, duration_minutes, lobby, "
            + "password_hash, recurrence, series_ends_at, created_at, updated_at";

    /** Another meeting already uses the room. */
    public static final class RoomTakenException extends Exception {
        public RoomTakenException(String room) {
            super("room " + room + " already belongs to another meeting", null, false, false);
        }
    }

    private final Database db;

    public MeetingStore(Database db) {
        this.db = db;
    }

    public void insert(Meeting m) throws SQLException, RoomTakenException {
        boolean inserted = db.inTransaction(c -> {
            if (roomTaken(c, m.room(), m.id())) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO meetings (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(s, m);
                s.executeUpdate();
            }
            return true;
        });
        if (!inserted) {
            throw new RoomTakenException(m.room());
        }
    }

    /** Replaces a stored meeting; false when it no longer exists. */
    public boolean update(Meeting m) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE meetings SET id = ?, room = ?, title = ?, "
                    + "starts_at = ?, time_zone = ?, duration_minutes = ?, lobby = ?, password_hash = ?, "
                    + "recurrence = ?, series_ends_at = ?, created_at = ?, updated_at = ? WHERE id = ? "
                    + "AND deleted_at IS NULL")) {
                bind(s, m);
                s.setString(13, m.id());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Marks a meeting deleted (its room stays reserved); false when there was none. */
    public boolean delete(String id) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE meetings SET deleted_at = ? WHERE id = ? "
                    + "AND deleted_at IS NULL")) {
                s.setLong(1, Instant.now().toEpochMilli());
                s.setString(2, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    public Optional<Meeting> find(String id) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM meetings WHERE id = ? AND deleted_at IS NULL", id);
    }

    /** The live meeting of a room, if any. */
    public Optional<Meeting> findByRoom(String room) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM meetings WHERE room = ? AND deleted_at IS NULL", room);
    }

    /** Whether {@code room} belonged to a meeting that was deleted. */
    public boolean wasDeleted(String room) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM meetings WHERE room = ? "
                    + "AND deleted_at IS NOT NULL")) {
                s.setString(1, room);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    /** Meetings whose series may have an occurrence overlapping {@code [from, to)}, by first start. */
    public List<Meeting> overlapping(Instant from, Instant to) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM meetings WHERE starts_at < ? "
                    + "AND deleted_at IS NULL AND (series_ends_at IS NULL OR series_ends_at > ?) ORDER BY starts_at, id")) {
                s.setLong(1, to.toEpochMilli());
                s.setLong(2, from.toEpochMilli());
                List<Meeting> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(read(r));
                    }
                }
                return out;
            }
        });
    }

    private Optional<Meeting> one(String sql, String key) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(read(r)) : Optional.empty();
                }
            }
        });
    }

    private static boolean roomTaken(Connection c, String room, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM meetings WHERE room = ? AND id <> ?")) {
            s.setString(1, room);
            s.setString(2, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static void bind(PreparedStatement s, Meeting m) throws SQLException {
        s.setString(1, m.id());
        s.setString(2, m.room());
        s.setString(3, m.title());
        s.setLong(4, m.start().toInstant().toEpochMilli());
        s.setString(5, m.zone().getId());
        s.setInt(6, (int) m.duration().toMinutes());
        s.setBoolean(7, m.lobby());
        s.setString(8, m.passwordHash());
        s.setString(9, m.recurrence() == null ? null : m.recurrence().toRule());
        Instant seriesEnd = seriesEnd(m);
        if (seriesEnd == null) {
            s.setNull(10, Types.BIGINT);
        } else {
            s.setLong(10, seriesEnd.toEpochMilli());
        }
        s.setLong(11, m.createdAt().toEpochMilli());
        s.setLong(12, m.updatedAt().toEpochMilli());
    }

    /** When the last occurrence ends, or null when the series never ends. */
    static Instant seriesEnd(Meeting m) {
        if (m.recurrence() == null) {
            return m.start().toInstant().plus(m.duration());
        }
        ZonedDateTime last = m.recurrence().lastStart(m.start());
        return last == null ? null : last.toInstant().plus(m.duration());
    }

    private static Meeting read(ResultSet r) throws SQLException {
        ZoneId zone = ZoneId.of(r.getString("time_zone"));
        ZonedDateTime start = Instant.ofEpochMilli(r.getLong("starts_at")).atZone(zone);
        String rule = r.getString("recurrence");
        Recurrence recurrence;
        try {
            recurrence = rule == null ? null : Recurrence.parse(rule, zone);
        } catch (Recurrence.InvalidRuleException e) {
            throw new SQLException("stored meeting " + r.getString("id") + " has a bad recurrence: " + e.getMessage());
        }
        return new Meeting(r.getString("id"), r.getString("room"), r.getString("title"), start,
                Duration.ofMinutes(r.getInt("duration_minutes")), r.getBoolean("lobby"), r.getString("password_hash"),
                recurrence, Instant.ofEpochMilli(r.getLong("created_at")),
                Instant.ofEpochMilli(r.getLong("updated_at")));
    }
}
