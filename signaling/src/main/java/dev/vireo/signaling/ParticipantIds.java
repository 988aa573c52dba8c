package dev.vireo.signaling;

import java.security.SecureRandom;
import java.util.Base64;

/** Random, URL-safe participant ids: 96 bits, 16 characters, unguessable so a rejoin cannot hijack someone else. */
final class ParticipantIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private ParticipantIds() {
    }

    static String next() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
