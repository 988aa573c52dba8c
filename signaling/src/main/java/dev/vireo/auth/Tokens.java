package dev.vireo.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/**
 * Issues and verifies access tokens: compact JWS, HS256 (RFC 7519 / RFC 7515) with the server's secret.
 *
 * <pre>
 * {"alg":"HS256","typ":"JWT"} . {"iss":"vireo","sub":IDENTITY,"room":ROOM,"name":NAME,"role":"host",
 *                                "iat":SECONDS,"exp":SECONDS} . HMAC-SHA256
 * </pre>
 *
 * Only HS256 is accepted, so a token cannot pick a weaker algorithm (or {@code none}) for itself.
 */
public final class Tokens {
    /** HS256 needs a key of at least 256 bits (RFC 7518 §3.2). */
    public static final int MIN_SECRET_BYTES = 32;
    static final String ISSUER = "vireo";
    private static final int MAX_TOKEN_CHARS = 8192;

    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final Clock clock;

    /**
     * @param secret at least {@link #MIN_SECRET_BYTES} bytes, shared by every node that verifies these tokens
     * @param clock  decides expiry
     */
    public Tokens(byte[] secret, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the token secret must be at least " + MIN_SECRET_BYTES + " bytes, got "
                    + secret.length);
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable token secret: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** The signed, compact form of {@code token}. */
    public String issue(AccessToken token) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(token.identity())
                .claim("room", token.room())
                .claim("name", token.name())
                .claim("role", token.role().wireName())
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(token.expiresAt()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }

    /**
     * The grant in {@code compact} when it is well formed, signed with this server's secret, unexpired and for
     * {@code room}.
     *
     * @param room the room being entered, or null to accept a token for any room (the caller then checks)
     */
    public AccessToken verify(String compact, String room) throws TokenRejectedException {
        if (compact == null || compact.isEmpty() || compact.length() > MAX_TOKEN_CHARS) {
            throw new TokenRejectedException(TokenRejectedException.Reason.MALFORMED, "the token is empty or too long");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(compact);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejectedException(TokenRejectedException.Reason.MALFORMED, "the token is not a valid JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new TokenRejectedException(TokenRejectedException.Reason.MALFORMED,
                    "the token must be signed with HS256, not " + jwt.getHeader().getAlgorithm());
        }
        boolean signed;
        try {
            signed = jwt.verify(verifier);
        } catch (JOSEException e) {
            signed = false;
        }
        if (!signed) {
            throw new TokenRejectedException(TokenRejectedException.Reason.BAD_SIGNATURE,
                    "the token's signature is not valid for this server");
        }
        AccessToken token = grant(claims);
        if (!clock.instant().isBefore(token.expiresAt())) {
            throw new TokenRejectedException(TokenRejectedException.Reason.EXPIRED,
                    "the token expired at " + token.expiresAt());
        }
        if (room != null && !room.equals(token.room())) {
            throw new TokenRejectedException(TokenRejectedException.Reason.WRONG_ROOM,
                    "the token is for another room, not " + room);
        }
        return token;
    }

    private static AccessToken grant(JWTClaimsSet claims) throws TokenRejectedException {
        try {
            String room = claims.getStringClaim("room");
            String name = claims.getStringClaim("name");
            Role role = Role.parse(claims.getStringClaim("role"));
            String identity = claims.getSubject();
            Date expiry = claims.getExpirationTime();
            if (room == null || identity == null || role == null || expiry == null) {
                throw new TokenRejectedException(TokenRejectedException.Reason.MALFORMED,
                        "the token needs room, sub, role (host, participant or viewer) and exp claims");
            }
            Instant expiresAt = expiry.toInstant();
            return new AccessToken(room, identity, name == null || name.isBlank() ? identity : name, role, expiresAt);
        } catch (ParseException e) {
            throw new TokenRejectedException(TokenRejectedException.Reason.MALFORMED,
                    "a token claim has the wrong type: " + e.getMessage());
        }
    }
}
