package dev.vireo.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code turn-config/turnserver.conf}, the production template: every directive is one the installed coturn knows
 * (from {@code turnserver --help}), and the security-relevant ones are there: time-limited credentials, TLS, a relay
 * range, no relaying to loopback or private networks, no CLI, quotas.
 */
class TurnConfigTemplateTest {
    private static final Path TEMPLATE = Path.of("..", "turn-config", "turnserver.conf");

    private static List<String> directives() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(TEMPLATE, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }

    private static String name(String directive) {
        int eq = directive.indexOf('=');
        return eq < 0 ? directive : directive.substring(0, eq);
    }

    @Test
    void everyDirectiveIsAnOptionOfTheInstalledCoturn() throws IOException, InterruptedException {
        Process help = new ProcessBuilder("turnserver", "--help").redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(help.waitFor(10, TimeUnit.SECONDS));
        for (String directive : directives()) {
            assertTrue(text.contains("--" + name(directive)), "coturn does not know '" + name(directive) + "'");
        }
    }

    @Test
    void theSecurityRelevantDirectivesAreThere() throws IOException {
        List<String> d = directives();
        for (String required : List.of("use-auth-secret", "fingerprint", "no-cli", "no-multicast-peers",
                "tls-listening-port=5349", "no-tlsv1", "no-tlsv1_1")) {
            assertTrue(d.contains(required), "missing " + required);
        }
        for (String named : List.of("static-auth-secret", "realm", "cert", "pkey", "min-port", "max-port",
                "user-quota", "total-quota", "max-bps")) {
            assertTrue(d.stream().anyMatch(x -> name(x).equals(named)), "missing " + named);
        }
        for (String range : List.of("127.0.0.0-127.255.255.255", "10.0.0.0-10.255.255.255",
                "172.16.0.0-172.31.255.255", "192.168.0.0-192.168.255.255", "169.254.0.0-169.254.255.255",
                "100.64.0.0-100.127.255.255", "::1", "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff")) {
            assertTrue(d.contains("denied-peer-ip=" + range), "does not deny " + range);
        }
        assertFalse(d.stream().anyMatch(x -> name(x).equals("allow-loopback-peers")),
                "a production config must not allow loopback peers");
        assertFalse(d.stream().anyMatch(x -> name(x).equals("allowed-peer-ip")),
                "allowed-peer-ip must stay a commented example");
        assertEquals(1, d.stream().filter(x -> name(x).equals("static-auth-secret")
                && x.contains("CHANGE-ME")).count(), "the secret must be a placeholder");
    }
}
