package dev.vireo.sdp;

/** The media direction attributes of RFC 8866 §6.7 (sendrecv is the default when none is given). */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The attribute name, e.g. "sendonly". */
    public String sdpName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The direction the answerer states for an m-line offered with this direction (RFC 3264 §6.1). */
    public Direction reversed() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /** True if the direction says the writer of the description sends media. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** True if the direction says the writer of the description receives media. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    static Direction fromSdpName(String name) {
        for (Direction d : values()) {
            if (d.sdpName().equals(name)) {
                return d;
            }
        }
        return null;
    }

    static boolean isDirection(String name) {
        return fromSdpName(name) != null;
    }
}
