package dev.vireo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The embedded database: created on first open, migrated, WAL with synchronous=FULL, writes all-or-nothing. */
class DatabaseTest {
    private static String pragma(Database db, String name) throws SQLException {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
                r.next();
                return r.getString(1);
            }
        });
    }

    @Test
    void createsTheFileMigratesAndCommitsDurably() throws Exception {
        Path dir = Files.createTempDirectory("vireo-db-").resolve("not-yet");
        try (Database db = Database.open("", dir)) {
            assertTrue(db.isSqlite());
            assertTrue(Files.isRegularFile(dir.resolve(Database.SQLITE_FILE)));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve(Database.SQLITE_FILE))), "it holds password hashes");
            assertEquals("wal", pragma(db, "journal_mode"));
            assertEquals("2", pragma(db, "synchronous"), "2 = FULL: the WAL is fsynced at every commit");
            int applied = db.inTransaction(c -> {
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertTrue(applied >= 1, "Flyway applied the migrations");
        }
        try (Database again = Database.open("", dir)) {
            assertEquals("0", again.inTransaction(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM meetings")) {
                    r.next();
                    return r.getString(1);
                }
            }), "reopening migrates nothing twice and loses nothing");
        }
    }

    @Test
    void aFailingTransactionLeavesNothingBehind() throws Exception {
        try (Database db = Database.open("", Files.createTempDirectory("vireo-db-"))) {
            assertThrows(SQLException.class, () -> db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO meetings (id, room, title, starts_at, time_zone, duration_minutes, "
                            + "lobby, created_at, updated_at) VALUES ('a', 'r', 't', 0, 'UTC', 5, 0, 0, 0)");
                    s.executeUpdate("INSERT INTO meetings (id, room, title, starts_at, time_zone, duration_minutes, "
                            + "lobby, created_at, updated_at) VALUES ('a', 'r2', 't', 0, 'UTC', 5, 0, 0, 0)");
                }
                return null;
            }));
            assertEquals("0", db.inTransaction(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM meetings")) {
                    r.next();
                    return r.getString(1);
                }
            }));
        }
    }
}
