package dev.vireo.sdp;

/**
 * The codecs the SFU forwards, with the payload types it uses in its own SUBSCRIBE offers. Publishers keep their own
 * payload types (see {@link PublishedTrack#payloadType()}); the forwarder rewrites them to these.
 */
public enum Codec {
    /** RFC 7587. */
    OPUS(MediaKind.AUDIO, "opus", 111, -1, 48000, 2, "minptime=10;useinbandfec=1"),
    /** RFC 7741; RTX per RFC 4588. */
    VP8(MediaKind.VIDEO, "VP8", 96, 97, 90000, 0, null),
    /** RFC 6184, constrained baseline 3.1, non-interleaved mode; RTX per RFC 4588. */
    H264(MediaKind.VIDEO, "H264", 102, 103, 90000, 0,
            "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");

    private final MediaKind kind;
    private final String encodingName;
    private final int payloadType;
    private final int rtxPayloadType;
    private final int clockRate;
    private final int channels;
    private final String fmtp;

    Codec(MediaKind kind, String encodingName, int payloadType, int rtxPayloadType, int clockRate, int channels,
          String fmtp) {
        this.kind = kind;
        this.encodingName = encodingName;
        this.payloadType = payloadType;
        this.rtxPayloadType = rtxPayloadType;
        this.clockRate = clockRate;
        this.channels = channels;
        this.fmtp = fmtp;
    }

    public MediaKind kind() {
        return kind;
    }

    /** The encoding name as written in a=rtpmap (matched case-insensitively). */
    public String encodingName() {
        return encodingName;
    }

    /** The SFU's payload type in SUBSCRIBE offers. */
    public int payloadType() {
        return payloadType;
    }

    /** The SFU's RTX payload type in SUBSCRIBE offers, -1 for codecs sent without RTX. */
    public int rtxPayloadType() {
        return rtxPayloadType;
    }

    public int clockRate() {
        return clockRate;
    }

    /** Audio channel count for a=rtpmap, 0 for video. */
    public int channels() {
        return channels;
    }

    /** The a=fmtp parameters the SFU offers, or null. */
    public String fmtp() {
        return fmtp;
    }

    /** The a=rtpmap this codec has in SUBSCRIBE offers. */
    RtpMap rtpMap() {
        return new RtpMap(payloadType, encodingName, clockRate, channels);
    }

    /** The codec for an rtpmap encoding name and clock rate, or null. */
    public static Codec of(RtpMap map) {
        for (Codec c : values()) {
            if (map.is(c.encodingName) && map.clockRate() == c.clockRate) {
                return c;
            }
        }
        return null;
    }
}
