package dev.vireo.signaling.messages;

/** The {@code code} of an {@link ErrorMessage}. */
public enum ErrorCode {
    /** The frame is not a JSON object (or is a binary frame). */
    BAD_JSON("bad-json"),
    /** The {@code type} is not one this version knows. */
    UNKNOWN_TYPE("unknown-type"),
    /** A field is missing or has the wrong type or value; the message names the field. */
    BAD_REQUEST("bad-request"),
    /** The message needs a joined session. */
    NOT_JOINED("not-joined"),
    /** A second {@code join} on a connection that already joined. */
    ALREADY_JOINED("already-joined"),
    /** {@code join} asked for a protocol version this server does not speak. */
    UNSUPPORTED_VERSION("unsupported-version"),
    /** The media plane refused an offer or answer; the message says why. */
    INVALID_SDP("invalid-sdp"),
    /** The media plane refused a trickled candidate. */
    INVALID_CANDIDATE("invalid-candidate"),
    /** The frame is larger than the server's limit; it was dropped. */
    TOO_LARGE("too-large"),
    /** The client sends too fast; messages are being dropped. */
    RATE_LIMITED("rate-limited"),
    /** No access token where the room needs one, or a token that was refused (forged, expired, other room). */
    UNAUTHORIZED("unauthorized"),
    /** The token is valid but its role may not do this (a viewer publishing, a participant using host controls). */
    FORBIDDEN("forbidden"),
    /** The room must be created first (a stream, a scheduled meeting) and does not exist. */
    ROOM_NOT_FOUND("room-not-found"),
    /** The room exists but is not open now (before a meeting's window, an ended stream). */
    ROOM_CLOSED("room-closed"),
    /** The room has a password and {@code join} carried none; ask the user and join again with it. */
    PASSWORD_REQUIRED("password-required"),
    /** The {@code join} carried a password that is not the room's. */
    WRONG_PASSWORD("wrong-password"),
    /** {@code admit}/{@code deny} named a knock that is not (or no longer) waiting. */
    NO_SUCH_KNOCK("no-such-knock"),
    /** The server failed; the request may be retried. */
    INTERNAL("internal");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
