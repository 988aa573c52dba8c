package dev.vireo.signaling;

import dev.vireo.auth.RoomAccess;
import dev.vireo.auth.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Room access for tests that run signaling alone: ad-hoc rooms open, tokens signed with a fixed test secret. */
public final class TestAccess {
    public static final byte[] SECRET = "test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    private TestAccess() {
    }

    public static Tokens tokens() {
        return new Tokens(SECRET, Clock.systemUTC());
    }

    public static RoomAccess open() {
        return new RoomAccess(tokens(), true);
    }
}
