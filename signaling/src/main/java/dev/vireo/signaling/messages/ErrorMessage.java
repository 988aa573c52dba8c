package dev.vireo.signaling.messages;

/**
 * {@code {"type":"error","code":"bad-request","message":"...","requestType":"join"}}: a request was refused. The
 * connection and the room stay up.
 *
 * @param code        an {@link ErrorCode}'s wire name
 * @param requestType the type of the message that caused it, or null when it is not known (bad JSON, too large)
 */
public record ErrorMessage(String code, String message, String requestType) implements ServerMessage {
    public static final String TYPE = "error";

    public ErrorMessage(ErrorCode code, String message, String requestType) {
        this(code.wireName(), message, requestType);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
