package dev.vireo.turn;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials of the "TURN REST API" (draft-uberti-behave-turn-rest-00, section 2.2), which coturn
 * checks with {@code use-auth-secret} / {@code static-auth-secret}: the username is {@code <expiry>:<identity>}
 * (expiry in Unix seconds) and the password is {@code base64(HMAC-SHA1(secret, username))}. The TURN server needs
 * nothing but the shared secret to verify them, and refuses them once the expiry has passed.
 *
 * <p>Pure: no I/O, the clock is injected. The secret never leaves this object.
 */
public final class TurnCredentials {
    private static final String HMAC_SHA1 = "HmacSHA1";

    /**
     * One credential, as a browser puts it in {@code RTCIceServer}.
     *
     * @param username  {@code <expiry>:<identity>}
     * @param password  {@code base64(HMAC-SHA1(secret, username))}
     * @param expiresAt when the TURN server starts refusing it
     */
    public record Credential(String username, String password, Instant expiresAt) {
        /** Leaves the password out. */
        @Override
        public String toString() {
            return "Credential[username=" + username + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param secret the {@code static-auth-secret} shared with the TURN server; not empty
     * @param ttl    how long each credential stays valid; at least a second
     */
    public TurnCredentials(byte[] secret, Duration ttl, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException("TURN secret must not be empty");
        }
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("TURN credential lifetime must be at least 1s, got " + ttl);
        }
        this.key = new SecretKeySpec(secret.clone(), HMAC_SHA1);
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A credential for {@code identity} (who uses it, e.g. a participant id; it shows up in the TURN server's logs),
     * valid from now for the configured lifetime. Characters a username cannot carry ({@code :}, controls, spaces)
     * become {@code _}.
     */
    public Credential issue(String identity) {
        Instant expiresAt = clock.instant().plus(ttl);
        String username = expiresAt.getEpochSecond() + ":" + sanitize(identity);
        return new Credential(username, password(username), expiresAt);
    }

    /** {@code base64(HMAC-SHA1(secret, username))}. */
    String password(String username) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 is required of every Java platform", e);
        }
    }

    private static String sanitize(String identity) {
        if (identity == null || identity.isEmpty()) {
            return "anonymous";
        }
        StringBuilder out = new StringBuilder(identity.length());
        identity.codePoints().limit(64).forEach(c -> out.appendCodePoint(
                c == ':' || Character.isWhitespace(c) || Character.isISOControl(c) ? '_' : c));
        return out.toString();
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "TurnCredentials[ttl=" + ttl + "]";
    }
}
