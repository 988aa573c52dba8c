package dev.vireo.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The server's database: an embedded SQLite file in the data directory by default, or any JDBC URL (PostgreSQL).
 * The schema is brought up to date with Flyway migrations ({@code classpath:db/migration}) when it opens.
 *
 * <p>One connection serves every caller, one transaction at a time ({@link #inTransaction}): meeting writes are rare
 * and small, and SQLite allows a single writer anyway. SQLite runs in WAL mode with {@code synchronous=FULL}, so a
 * commit has reached the disk (the WAL is fsynced) before the call returns and an acknowledged write survives a
 * crash of the process or of the machine.
 */
public final class Database implements AutoCloseable {
    /** The file in the data directory when no URL is configured. */
    public static final String SQLITE_FILE = "vireo.db";

    /** One unit of work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String url;
    private Connection connection;

    private Database(String url) {
        this.url = url;
    }

    /**
     * Opens (creating the SQLite file and the data directory on first start) and migrates the database.
     *
     * @param url     a JDBC URL such as {@code jdbc:postgresql://db/vireo?user=vireo&password=...}, or empty for
     *                SQLite in {@code dataDir}
     * @param dataDir the server's data directory
     */
    public static Database open(String url, Path dataDir) throws IOException, SQLException {
        String jdbcUrl = url;
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(SQLITE_FILE).toAbsolutePath();
            createPrivate(file);
            jdbcUrl = "jdbc:sqlite:" + file;
        }
        Database db = new Database(jdbcUrl);
        try {
            Flyway.configure().dataSource(jdbcUrl, null, null).locations("classpath:db/migration")
                    .loggers("slf4j").load().migrate();
        } catch (FlywayException e) {
            throw new SQLException("migrating the database at " + db.redactedUrl() + " failed: " + e.getMessage(), e);
        }
        synchronized (db) {
            db.connect();
        }
        return db;
    }

    /**
     * Creates the database file readable by the owner only (it holds password hashes); SQLite takes an empty file as
     * a new database and gives its WAL and shared-memory files the same permissions.
     */
    private static void createPrivate(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    /** Whether this is the embedded SQLite database. */
    public boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public synchronized <T> T inTransaction(Work<T> work) throws SQLException {
        if (connection == null || connection.isClosed()) {
            connect();
        }
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
                closeQuietly();
            }
            throw e;
        }
    }

    private void connect() throws SQLException {
        Properties properties = new Properties();
        if (isSqlite()) {
            // sqlite-jdbc applies these as PRAGMAs on every connection it opens.
            properties.setProperty("journal_mode", "WAL");
            properties.setProperty("synchronous", "FULL");
            properties.setProperty("busy_timeout", "5000");
            properties.setProperty("foreign_keys", "true");
        }
        connection = DriverManager.getConnection(url, properties);
        connection.setAutoCommit(false);
    }

    /** The URL without anything that could be a password. */
    public String redactedUrl() {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query) + "?(parameters hidden)";
        return base.replaceAll("//[^/@]*@", "//(credentials hidden)@");
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // already broken; the next transaction reconnects
        }
        connection = null;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
