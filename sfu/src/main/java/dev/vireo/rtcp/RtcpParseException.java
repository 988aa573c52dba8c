package dev.vireo.rtcp;

/** An RTCP message that cannot be parsed: too short, wrong version, type or format, or fields that overrun it. */
public final class RtcpParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public RtcpParseException(String message) {
        super(message);
    }
}
