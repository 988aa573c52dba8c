package dev.vireo.sdp;

/** The two kinds of RTP media the SFU forwards; the name as written in an m-line is {@link #sdpName()}. */
public enum MediaKind {
    AUDIO("audio"),
    VIDEO("video");

    private final String sdpName;

    MediaKind(String sdpName) {
        this.sdpName = sdpName;
    }

    /** The media token of an m-line ("audio" / "video"). */
    public String sdpName() {
        return sdpName;
    }

    /** The kind for an m-line media token, or null for anything else (application, text, message, ...). */
    public static MediaKind fromSdpName(String media) {
        for (MediaKind kind : values()) {
            if (kind.sdpName.equals(media)) {
                return kind;
            }
        }
        return null;
    }
}
