package dev.vireo.sdp;

/**
 * RTP header extension URIs (RFC 8285) the SFU knows, and the id it gives each one it forwards. Publishers choose their
 * own ids in their offers; the receive path maps them to these canonical ids with
 * {@link PublishedTrack#extensionIdMap()}, and SUBSCRIBE offers announce the canonical ids, so forwarded packets need
 * no per-subscriber id rewriting.
 */
public final class ExtensionUris {
    /** RFC 6464. */
    public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    /** webrtc.org abs-send-time, used by REMB. */
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    /** draft-holmer-rmcat-transport-wide-cc-extensions-01. */
    public static final String TRANSPORT_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /** RFC 8843 §15.2. */
    public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    /** RFC 8852 §3.3. */
    public static final String RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    /** RFC 8852 §3.4. */
    public static final String REPAIRED_RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    /** 3GPP TS 26.114 coordination of video orientation. */
    public static final String VIDEO_ORIENTATION = "urn:3gpp:video-orientation";

    private ExtensionUris() {
    }

    /**
     * The SFU's id for an extension it forwards, 0 for any other URI. The ids match Chromium's defaults, so a
     * Chromium publisher's map is the identity for them.
     */
    public static int canonicalId(String uri) {
        return switch (uri) {
            case AUDIO_LEVEL -> 1;
            case ABS_SEND_TIME -> 2;
            case TRANSPORT_CC -> 3;
            case MID -> 4;
            case RTP_STREAM_ID -> 10;
            case REPAIRED_RTP_STREAM_ID -> 11;
            case VIDEO_ORIENTATION -> 13;
            default -> 0;
        };
    }
}
