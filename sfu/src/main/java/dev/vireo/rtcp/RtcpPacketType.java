package dev.vireo.rtcp;

/** RTCP packet type numbers (the PT field), from RFC 3550 §12.1 and RFC 4585 §6.1. */
public final class RtcpPacketType {
    /** Sender report, RFC 3550 §6.4.1. */
    public static final int SR = 200;
    /** Receiver report, RFC 3550 §6.4.2. */
    public static final int RR = 201;
    /** Source description, RFC 3550 §6.5. */
    public static final int SDES = 202;
    /** Goodbye, RFC 3550 §6.6. */
    public static final int BYE = 203;
    /** Application-defined, RFC 3550 §6.7. */
    public static final int APP = 204;
    /** Transport-layer feedback, RFC 4585 §6.2. */
    public static final int RTPFB = 205;
    /** Payload-specific feedback, RFC 4585 §6.3. */
    public static final int PSFB = 206;

    private RtcpPacketType() {
    }
}
