package dev.vireo.signaling.messages;

/**
 * {@code {"type":"join","version":1,"room":"R","name":"Alice","token":"JWT","participantId":"...","resumeToken":"..."}}:
 * enter a
 * room, or take one's participant back after the connection dropped.
 *
 * @param version       the protocol version the client speaks; only {@link MessageCodec#VERSION} is accepted
 * @param room          1-64 of {@code [A-Za-z0-9_.-]}
 * @param name          the display name, trimmed, 1-64 characters
 * @param participantId the id this client had before its connection dropped, or null for a fresh join
 * @param resumeToken   the {@code resumeToken} of the last {@link Joined} for that id; without the right one the
 *                      join is a fresh one
 * @param token         a signed access token (JWT) for this room, or null; it sets the role and may set the name
 * @param password      the room's password when it has one (scheduled meetings), or null
 */
public record Join(int version, String room, String name, String participantId, String resumeToken, String token,
                   String password) implements ClientMessage {
    public static final String TYPE = "join";
    public static final int MAX_PASSWORD_CHARS = 128;

    /** A join without a password. */
    public Join(int version, String room, String name, String participantId, String resumeToken, String token) {
        this(version, room, name, participantId, resumeToken, token, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Leaves the token and password out, so that logging or printing a join never reveals it. */
    @Override
    public String toString() {
        return "Join[version=" + version + ", room=" + room + ", name=" + name + ", participantId=" + participantId
                + ", resumeToken=" + (resumeToken == null ? "none" : "(given)")
                + ", token=" + (token == null ? "none" : "(given)")
                + ", password=" + (password == null ? "none" : "(given)") + "]";
    }
}
