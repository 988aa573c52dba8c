package dev.vireo.signaling.messages;

/**
 * The server ends the client's session and closes the connection after this message.
 *
 * @param reason  one of the constants below
 * @param message a human-readable detail, or null
 */
public record Bye(String reason, String message) implements ServerMessage {
    public static final String TYPE = "bye";
    /** The client sent {@code leave}. */
    public static final String LEFT = "left";
    /** The server is stopping. */
    public static final String SERVER_SHUTDOWN = "server-shutdown";
    /** A newer connection joined with this participant's id. */
    public static final String REPLACED = "replaced";
    /** The participant's media transport failed or went silent; the message says why. */
    public static final String MEDIA_CLOSED = "media-closed";
    /** A host removed this participant; its token may not rejoin the room for a while. */
    public static final String REMOVED = "removed";
    /** A host (or the meeting's owner over REST) ended the meeting for everyone. */
    public static final String MEETING_ENDED = "meeting-ended";

    /** A host denied entry from the lobby. */
    public static final String DENIED = "denied";
    /** The room closed for everyone (its scheduled meeting was deleted); the message says why. */
    public static final String ROOM_CLOSED = "room-closed";

    public Bye(String reason) {
        this(reason, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
