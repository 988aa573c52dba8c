package dev.vireo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TURN settings: defaults, the layers, and errors that name the setting but never show the secret. */
class TurnSettingsTest {
    private static final String SECRET = "shared-with-coturn-5f2a";

    @Test
    void noTurnByDefault() throws InvalidConfigException {
        ServerConfig.Turn turn = ServerConfig.load(List.of(), Map.of()).turn();
        assertEquals(List.of(), turn.urls());
        assertEquals("", turn.secret());
        assertEquals(Duration.ofHours(12), turn.ttl());
    }

    @Test
    void optionsAndEnvironmentGiveUrlsSecretAndLifetime() throws InvalidConfigException {
        ServerConfig c = ServerConfig.load(List.of("--turn-urls",
                        "turn:turn.example.com:3478, turns:turn.example.com:5349?transport=tcp", "--turn-ttl", "2h"),
                Map.of("VIREO_TURN_SECRET", SECRET));
        assertEquals(List.of("turn:turn.example.com:3478", "turns:turn.example.com:5349?transport=tcp"),
                c.turn().urls());
        assertEquals(SECRET, c.turn().secret());
        assertEquals(Duration.ofHours(2), c.turn().ttl());
        assertFalse(c.toString().contains(SECRET), c.toString());
    }

    @Test
    void stunNeedsNoSecret() throws InvalidConfigException {
        assertEquals(List.of("stun:stun.example.com:3478"),
                ServerConfig.load(List.of("--turn-urls", "stun:stun.example.com:3478"), Map.of()).turn().urls());
    }

    @Test
    void badValuesAreRefusedNamingTheSettingButNotTheSecret() {
        record Case(List<String> args, String names) {
        }
        for (Case c : List.of(
                new Case(List.of("--turn-urls", "turn:turn.example.com"), "turn-urls"),
                new Case(List.of("--turn-urls", "https://turn.example.com", "--turn-secret", SECRET), "turn-urls"),
                new Case(List.of("--turn-urls", "turn:x?transport=sctp", "--turn-secret", SECRET), "turn-urls"),
                new Case(List.of("--turn-ttl", "30s"), "turn-ttl"),
                new Case(List.of("--turn-ttl", "3d"), "turn-ttl"),
                new Case(List.of("--turn-ttl", "60"), "turn-ttl"))) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class,
                    () -> ServerConfig.load(c.args(), Map.of()), c.args().toString());
            assertTrue(e.getMessage().contains(c.names()), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
    }
}
