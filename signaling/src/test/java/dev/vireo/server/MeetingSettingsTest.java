package dev.vireo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** database-url, meeting-open-before and meeting-grace: defaults, flags, environment, bad values. */
class MeetingSettingsTest {
    private static final List<String> BASE = List.of("--public-ip", "127.0.0.1");

    private static ServerConfig load(List<String> extra, Map<String, String> env) throws InvalidConfigException {
        List<String> args = new java.util.ArrayList<>(BASE);
        args.addAll(extra);
        return ServerConfig.load(args, env);
    }

    @Test
    void defaultsAreSqliteTenMinutesBeforeAndFifteenAfter() throws Exception {
        ServerConfig.Meetings m = load(List.of(), Map.of()).meetings();
        assertEquals("", m.databaseUrl());
        assertEquals(Duration.ofMinutes(10), m.openBefore());
        assertEquals(Duration.ofMinutes(15), m.grace());
    }

    @Test
    void flagsAndEnvironmentSetThem() throws Exception {
        ServerConfig.Meetings m = load(List.of("--database-url", "jdbc:postgresql://db/vireo?password=hunter2",
                "--meeting-open-before", "5m", "--meeting-grace", "0"), Map.of()).meetings();
        assertEquals("jdbc:postgresql://db/vireo?password=hunter2", m.databaseUrl());
        assertEquals(Duration.ofMinutes(5), m.openBefore());
        assertEquals(Duration.ZERO, m.grace());
        assertFalse(m.toString().contains("hunter2"), "the URL may hold a password: " + m);
        assertEquals(Duration.ofHours(1), load(List.of(), Map.of("VIREO_MEETING_GRACE", "1h")).meetings().grace());
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        for (List<String> bad : List.of(List.of("--database-url", "postgres://db/vireo"),
                List.of("--meeting-open-before", "10"), List.of("--meeting-grace", "2d"),
                List.of("--meeting-open-before", "-5m"))) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> load(bad, Map.of()),
                    bad.toString());
            assertTrue(e.getMessage().contains(bad.get(0).substring(2)), e.getMessage());
        }
    }
}
