package dev.vireo.auth;

/** Someone may not enter a room; the message is safe to show them. */
public final class AccessDeniedException extends Exception {
    /** Why, as signaling's error code and the HTTP status REST and WHIP/WHEP answer with. */
    public enum Reason {
        /** No token where one is needed, or a token that was refused. */
        UNAUTHORIZED("unauthorized", 401),
        /** A valid token whose role may not do this. */
        FORBIDDEN("forbidden", 403),
        /** The room does not exist (for rooms that must be created first). */
        ROOM_NOT_FOUND("room-not-found", 404),
        /** The room exists but is not open now (a meeting before its start, an ended stream). */
        ROOM_CLOSED("room-closed", 409);

        private final String code;
        private final int httpStatus;

        Reason(String code, int httpStatus) {
            this.code = code;
            this.httpStatus = httpStatus;
        }

        public String code() {
            return code;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public AccessDeniedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
