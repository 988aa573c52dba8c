package dev.vireo.meetings;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Meeting passwords at rest: PBKDF2-HMAC-SHA512 (RFC 8018 §5.2) with a random 16-byte salt, stored as
 * {@code pbkdf2-sha512$ITERATIONS$SALT$HASH} (base64), and checked in constant time.
 *
 * <p>210,000 iterations is OWASP's Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA512; the count is stored
 * with each hash so it can be raised later without breaking stored meetings.
 */
public final class PasswordHash {
    public static final int ITERATIONS = 210_000;
    private static final String SCHEME = "pbkdf2-sha512";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** The stored form of {@code password}. */
    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, ITERATIONS));
    }

    /** Whether {@code password} is the one {@code stored} was made from; false for a malformed stored value. */
    public static boolean matches(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].matches("\\d{1,8}")) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        // PBEKeySpec takes chars; normalise to the UTF-8 bytes' meaning by going through a String once.
        char[] chars = new String(password.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
