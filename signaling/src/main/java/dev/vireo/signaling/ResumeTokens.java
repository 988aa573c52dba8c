package dev.vireo.signaling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that lets a client take its participant back after its WebSocket dropped. Participant ids are visible
 * to everyone in the room, so an id alone must never be enough to resume: the token is told only to the client
 * that owns the id ({@code joined}) and is never logged.
 */
final class ResumeTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** 128 bits: 22 URL-safe base64 characters. */
    private static final int BYTES = 16;

    private ResumeTokens() {
    }

    static String next() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Whether a presented token is the expected one, in time that does not depend on where they differ (so timing
     * cannot reveal a token character by character). A null on either side never matches.
     */
    static boolean matches(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
