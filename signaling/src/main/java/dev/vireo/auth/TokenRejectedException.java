package dev.vireo.auth;

/** An access token that must not be honoured, and why; the message is safe to show the client. */
public final class TokenRejectedException extends Exception {
    /** Why a token was refused. */
    public enum Reason {
        /** Not a compact JWS, not HS256, or claims missing or of the wrong type. */
        MALFORMED,
        /** The signature does not match: forged, or signed with another server's secret. */
        BAD_SIGNATURE,
        /** Its {@code exp} has passed. */
        EXPIRED,
        /** Valid, but for another room. */
        WRONG_ROOM
    }

    private final Reason reason;

    public TokenRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
