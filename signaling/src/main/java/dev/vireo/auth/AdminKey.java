package dev.vireo.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The key that REST calls which create or stop things must present as {@code Authorization: Bearer <key>}.
 * Compared in constant time, so response timing does not leak how much of a guess was right.
 */
public final class AdminKey {
    private static final String BEARER = "Bearer ";
    private final byte[] key;

    public AdminKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the admin key must not be empty");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether an {@code Authorization} header value carries this key. */
    public boolean authorizes(String authorizationHeader) {
        String presented = bearer(authorizationHeader);
        return presented != null && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The credential of a {@code Bearer} authorization header (RFC 6750 §2.1), or null when there is none. */
    public static String bearer(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= BEARER.length()
                || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String credential = authorizationHeader.substring(BEARER.length()).strip();
        return credential.isEmpty() ? null : credential;
    }

    @Override
    public String toString() {
        return "AdminKey[(hidden)]";
    }
}
