package dev.vireo.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A secret kept in a file of the data directory, readable by its owner only (mode 600), created with 256 random bits
 * the first time it is needed, so that a server started with no configuration is still protected and keeps its
 * secrets across restarts.
 *
 * @param value   the secret
 * @param created whether this call made the file (so the caller may show a new admin key once)
 */
public record StoredSecret(String value, boolean created) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Reads {@code file}, or writes a fresh random secret to it when it does not exist yet. */
    public static StoredSecret loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return new StoredSecret(read(file), false);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            if (Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return new StoredSecret(read(file), false);
        }
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return new StoredSecret(value, true);
    }

    private static String read(Path file) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            throw new IOException(file + " is empty; delete it to have a new secret generated");
        }
        return value;
    }

    /** Never the secret itself. */
    @Override
    public String toString() {
        return "StoredSecret[created=" + created + "]";
    }
}
