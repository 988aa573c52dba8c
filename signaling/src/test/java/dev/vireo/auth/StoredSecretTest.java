package dev.vireo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredSecretTest {
    @TempDir
    Path dir;

    @Test
    void theFirstCallCreatesAnOwnerOnlyFileAndLaterCallsReadIt() throws IOException {
        Path file = dir.resolve("nested/admin-key");
        StoredSecret first = StoredSecret.loadOrCreate(file);
        assertTrue(first.created());
        assertTrue(first.value().matches("[A-Za-z0-9_-]{43}"), first.value());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        StoredSecret second = StoredSecret.loadOrCreate(file);
        assertFalse(second.created());
        assertEquals(first.value(), second.value());
        assertFalse(first.toString().contains(first.value()));
        assertNotEquals(first.value(), StoredSecret.loadOrCreate(dir.resolve("other")).value());
    }

    @Test
    void adminKeysCompareAsBearerCredentials() {
        AdminKey key = new AdminKey("s3cret");
        assertTrue(key.authorizes("Bearer s3cret"));
        assertTrue(key.authorizes("bearer  s3cret "));
        assertFalse(key.authorizes("Bearer s3cre"));
        assertFalse(key.authorizes("Basic s3cret"));
        assertFalse(key.authorizes(null));
        assertFalse(key.authorizes("Bearer "));
        assertFalse(key.toString().contains("s3cret"));
    }
}
