package dev.vireo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private final Tokens tokens = new Tokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private static AccessToken grant(String room, Role role, Duration ttl) {
        return new AccessToken(room, "user-7", "Ada", role, NOW.plus(ttl));
    }

    @Test
    void aTokenItIssuedVerifiesWithEveryClaim() throws TokenRejectedException {
        AccessToken granted = grant("standup", Role.HOST, Duration.ofMinutes(5));
        AccessToken verified = tokens.verify(tokens.issue(granted), "standup");
        assertEquals(new AccessToken("standup", "user-7", "Ada", Role.HOST, NOW.plusSeconds(300)), verified);
        assertEquals(granted, tokens.verify(tokens.issue(granted), null));
    }

    @Test
    void expiredTokensAreRefused() {
        String token = tokens.issue(grant("r", Role.VIEWER, Duration.ofSeconds(10)));
        Tokens later = new Tokens(SECRET, Clock.fixed(NOW.plusSeconds(10), ZoneOffset.UTC));
        assertEquals(TokenRejectedException.Reason.EXPIRED,
                assertThrows(TokenRejectedException.class, () -> later.verify(token, "r")).reason());
    }

    @Test
    void anotherServersTokenIsForged() {
        Tokens other = new Tokens("another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC));
        String token = other.issue(grant("r", Role.HOST, Duration.ofHours(1)));
        assertEquals(TokenRejectedException.Reason.BAD_SIGNATURE,
                assertThrows(TokenRejectedException.class, () -> tokens.verify(token, "r")).reason());
    }

    @Test
    void aTamperedPayloadBreaksTheSignature() {
        String[] parts = tokens.issue(grant("r", Role.VIEWER, Duration.ofHours(1))).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"viewer\"", "\"host\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(TokenRejectedException.Reason.BAD_SIGNATURE,
                assertThrows(TokenRejectedException.class, () -> tokens.verify(tampered, "r")).reason());
    }

    @Test
    void anotherRoomsTokenIsRefused() {
        String token = tokens.issue(grant("a", Role.HOST, Duration.ofHours(1)));
        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> tokens.verify(token, "b"));
        assertEquals(TokenRejectedException.Reason.WRONG_ROOM, e.reason());
    }

    @Test
    void unsignedAndMalformedTokensAreRefused() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = b64("{\"sub\":\"x\",\"room\":\"r\",\"role\":\"host\",\"exp\":" + (NOW.getEpochSecond() + 60)
                + "}");
        for (String bad : new String[] {header + "." + claims + ".", "not-a-jwt", "a.b.c", "", "x".repeat(9000)}) {
            assertEquals(TokenRejectedException.Reason.MALFORMED,
                    assertThrows(TokenRejectedException.class, () -> tokens.verify(bad, "r")).reason(), bad);
        }
    }

    @Test
    void aTokenWithoutARoleIsMalformed() throws Exception {
        com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
                new com.nimbusds.jose.Payload("{\"sub\":\"x\",\"room\":\"r\",\"exp\":" + (NOW.getEpochSecond() + 60)
                        + "}"));
        jws.sign(new com.nimbusds.jose.crypto.MACSigner(SECRET));
        assertEquals(TokenRejectedException.Reason.MALFORMED,
                assertThrows(TokenRejectedException.class, () -> tokens.verify(jws.serialize(), "r")).reason());
    }

    @Test
    void shortSecretsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Tokens(new byte[31], Clock.systemUTC()));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
