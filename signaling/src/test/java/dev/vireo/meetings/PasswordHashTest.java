package dev.vireo.meetings;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Meeting passwords at rest: salted PBKDF2, never the password itself, malformed stored values never match. */
class PasswordHashTest {
    @Test
    void hashesAreSaltedAndOnlyTheRightPasswordMatches() {
        String a = PasswordHash.hash("open sesame");
        String b = PasswordHash.hash("open sesame");
        assertTrue(a.startsWith("pbkdf2-sha512$" + PasswordHash.ITERATIONS + "$"), a);
        assertFalse(a.contains("open sesame"));
        assertNotEquals(a, b, "a fresh salt each time");
        assertTrue(PasswordHash.matches("open sesame", a));
        assertTrue(PasswordHash.matches("open sesame", b));
        assertFalse(PasswordHash.matches("open sesamE", a));
        assertFalse(PasswordHash.matches("", a));
        assertTrue(PasswordHash.matches("Zoë 🎥", PasswordHash.hash("Zoë 🎥")));
        for (String broken : new String[] {"", "plain", "md5$1$aa$bb", "pbkdf2-sha512$x$aa$bb",
                "pbkdf2-sha512$1000$!!!$bb"}) {
            assertFalse(PasswordHash.matches("open sesame", broken), broken);
        }
    }
}
