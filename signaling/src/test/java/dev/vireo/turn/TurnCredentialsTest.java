package dev.vireo.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The TURN REST API credential (draft-uberti-behave-turn-rest-00 section 2.2). The expected passwords were computed
 * independently with Python's {@code base64.b64encode(hmac.new(secret, username, hashlib.sha1).digest())}.
 */
class TurnCredentialsTest {
    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    @Test
    void usernameIsExpiryColonIdentityAndPasswordIsBase64HmacSha1() {
        record Vector(String secret, long now, Duration ttl, String identity, String username, String password) {
        }
        List<Vector> vectors = List.of(
                new Vector("north-secret", 1_699_996_400L, Duration.ofHours(1), "alice",
                        "1700000000:alice", "g+jb180fcj+xlpA/2mP60OdIgU0="),
                new Vector("test-turn-secret", 1_700_000_000L, Duration.ofSeconds(3600), "p-123",
                        "1700003600:p-123", "dMybE8Ucb4YYvdudaJxJPckIF9s="));
        for (Vector v : vectors) {
            TurnCredentials.Credential c = new TurnCredentials(v.secret().getBytes(StandardCharsets.UTF_8), v.ttl(),
                    at(v.now())).issue(v.identity());
            assertEquals(v.username(), c.username());
            assertEquals(v.password(), c.password());
            assertEquals(Instant.ofEpochSecond(v.now()).plus(v.ttl()), c.expiresAt());
        }
    }

    @Test
    void theExpiryMovesWithTheClockAndADifferentSecretGivesADifferentPassword() {
        byte[] secret = "s".getBytes(StandardCharsets.UTF_8);
        TurnCredentials.Credential early = new TurnCredentials(secret, Duration.ofMinutes(1), at(1000)).issue("x");
        TurnCredentials.Credential late = new TurnCredentials(secret, Duration.ofMinutes(1), at(2000)).issue("x");
        assertEquals("1060:x", early.username());
        assertEquals("2060:x", late.username());
        TurnCredentials.Credential other = new TurnCredentials("t".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(1), at(1000)).issue("x");
        assertEquals(early.username(), other.username());
        assertFalse(early.password().equals(other.password()));
    }

    @Test
    void colonsAndSpacesInTheIdentityCannotForgeAnotherExpiry() {
        TurnCredentials turn = new TurnCredentials(new byte[] {1}, Duration.ofSeconds(10), at(0));
        assertEquals("10:9999999999_evil_id", turn.issue("9999999999:evil id").username());
        assertEquals("10:anonymous", turn.issue(null).username());
    }

    @Test
    void neitherTheSecretNorThePasswordIsPrinted() {
        TurnCredentials turn = new TurnCredentials("very-secret".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(10), at(0));
        TurnCredentials.Credential c = turn.issue("a");
        assertFalse(turn.toString().contains("very-secret"));
        assertFalse(c.toString().contains(c.password()));
    }

    @Test
    void refusesAnEmptySecretAndAZeroLifetime() {
        assertThrows(IllegalArgumentException.class, () -> new TurnCredentials(new byte[0], Duration.ofHours(1),
                at(0)));
        assertThrows(IllegalArgumentException.class, () -> new TurnCredentials(new byte[] {1}, Duration.ZERO,
                at(0)));
    }

    @Test
    void turnServersHandOutStunPlainAndTurnWithAFreshCredentialAndLinkHeaders() {
        TurnServers servers = TurnServers.of(List.of("stun:turn.example.net", "turn:turn.example.net:3478",
                "turns:turn.example.net:5349?transport=tcp"), "north-secret", Duration.ofHours(1), at(1_699_996_400L));
        List<TurnServers.Entry> entries = servers.forIdentity("alice");
        assertEquals(2, entries.size());
        assertEquals(new TurnServers.Entry(List.of("stun:turn.example.net"), null, null), entries.get(0));
        assertEquals(new TurnServers.Entry(List.of("turn:turn.example.net:3478",
                "turns:turn.example.net:5349?transport=tcp"), "1700000000:alice", "g+jb180fcj+xlpA/2mP60OdIgU0="),
                entries.get(1));
        assertEquals(List.of(
                "<stun:turn.example.net>; rel=\"ice-server\"",
                "<turn:turn.example.net:3478>; rel=\"ice-server\"; username=\"1700000000:alice\";"
                        + " credential=\"g+jb180fcj+xlpA/2mP60OdIgU0=\"; credential-type=\"password\"",
                "<turns:turn.example.net:5349?transport=tcp>; rel=\"ice-server\"; username=\"1700000000:alice\";"
                        + " credential=\"g+jb180fcj+xlpA/2mP60OdIgU0=\"; credential-type=\"password\""),
                servers.linkHeaders("alice"));
        assertTrue(TurnServers.of(List.of(), "", Duration.ofHours(1), at(0)).forIdentity("a").isEmpty());
    }

    @Test
    void turnServersRefuseBadUrlsAndTurnWithoutASecret() {
        for (String bad : List.of("http://x", "turn:", "turn://x", "turn:x?transport=sctp", "x", "turn:a b")) {
            assertThrows(IllegalArgumentException.class,
                    () -> TurnServers.of(List.of(bad), "s", Duration.ofHours(1), at(0)), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> TurnServers.of(List.of("turn:x"), "", Duration.ofHours(1), at(0)));
        TurnServers.of(List.of("stun:x"), "", Duration.ofHours(1), at(0));
    }
}
