package dev.vireo.signaling.messages;

/** A client message that cannot be accepted; becomes an {@link ErrorMessage} to that client. */
public final class ProtocolException extends Exception {
    private final ErrorCode code;
    private final String requestType;

    public ProtocolException(ErrorCode code, String message, String requestType) {
        super(message, null, false, false);
        this.code = code;
        this.requestType = requestType;
    }

    public ErrorCode code() {
        return code;
    }

    /** The type of the offending message, or null when it could not be read. */
    public String requestType() {
        return requestType;
    }

    public ErrorMessage toMessage() {
        return new ErrorMessage(code, getMessage(), requestType);
    }
}
