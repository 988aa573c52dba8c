package dev.vireo.streams;

import dev.vireo.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Streams in the database; every call is one transaction, committed (on disk) when it returns. */
public final class StreamStore {
    /** What is stored of a stream; {@code endedAt} is null while it is not stopped. */
    record Row(String id, String room, String title, boolean isPublic, Instant createdAt, Instant endedAt) {
    }

    private final Database db;

    public StreamStore(Database db) {
        this.db = db;
    }

    void insert(Row row) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO streams (id, room, title, is_public, "
                    + "created_at, ended_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, row.id());
                s.setString(2, row.room());
                s.setString(3, row.title());
                s.setBoolean(4, row.isPublic());
                s.setLong(5, row.createdAt().toEpochMilli());
                if (row.endedAt() == null) {
                    s.setNull(6, Types.BIGINT);
                } else {
                    s.setLong(6, row.endedAt().toEpochMilli());
                }
                return s.executeUpdate();
            }
        });
    }

    /** Records that a stream was stopped; a stream already stopped keeps its first end time. */
    void end(String id, Instant at) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE streams SET ended_at = ? WHERE id = ? "
                    + "AND ended_at IS NULL")) {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, id);
                return s.executeUpdate();
            }
        });
    }

    /** Every stream ever created here, stopped ones included (their rooms stay closed). */
    List<Row> all() throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, room, title, is_public, created_at, ended_at "
                    + "FROM streams");
                 ResultSet r = s.executeQuery()) {
                List<Row> out = new ArrayList<>();
                while (r.next()) {
                    long ended = r.getLong("ended_at");
                    Instant endedAt = r.wasNull() ? null : Instant.ofEpochMilli(ended);
                    out.add(new Row(r.getString("id"), r.getString("room"), r.getString("title"),
                            r.getBoolean("is_public"), Instant.ofEpochMilli(r.getLong("created_at")), endedAt));
                }
                return out;
            }
        });
    }
}
