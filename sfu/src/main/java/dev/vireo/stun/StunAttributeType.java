package dev.vireo.stun;

/**
 * Attribute types Vireo reads or writes (IANA "STUN Attributes" registry). Types 0x0000-0x7FFF are
 * comprehension-required: a message carrying one we do not know must be refused (RFC 8489 §14).
 */
public final class StunAttributeType {
    /** RFC 8489 §14.3. */
    public static final int USERNAME = 0x0006;
    /** RFC 8489 §14.5: HMAC-SHA1, 20 bytes. */
    public static final int MESSAGE_INTEGRITY = 0x0008;
    /** RFC 8489 §14.8. */
    public static final int ERROR_CODE = 0x0009;
    /** RFC 8489 §14.9. */
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    /** RFC 8489 §14.6: HMAC-SHA256; ICE never uses it, but we must recognise it to skip it. */
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    /** RFC 8489 §14.2. */
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    /** RFC 8445 §16.1: 4 bytes. */
    public static final int PRIORITY = 0x0024;
    /** RFC 8445 §16.1: no value. */
    public static final int USE_CANDIDATE = 0x0025;
    /** RFC 8489 §14.14. */
    public static final int SOFTWARE = 0x8022;
    /** RFC 8489 §14.7: CRC-32 XOR 0x5354554e, 4 bytes. */
    public static final int FINGERPRINT = 0x8028;
    /** RFC 8445 §16.1: 8-byte tiebreaker. */
    public static final int ICE_CONTROLLED = 0x8029;
    /** RFC 8445 §16.1: 8-byte tiebreaker. */
    public static final int ICE_CONTROLLING = 0x802A;

    private StunAttributeType() {
    }

    /** Whether an agent that does not understand the attribute must refuse the message (RFC 8489 §14). */
    public static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    /** Whether this package understands the type. */
    static boolean isKnown(int type) {
        return switch (type) {
            case USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, UNKNOWN_ATTRIBUTES, MESSAGE_INTEGRITY_SHA256,
                    XOR_MAPPED_ADDRESS, PRIORITY, USE_CANDIDATE, SOFTWARE, FINGERPRINT, ICE_CONTROLLED,
                    ICE_CONTROLLING -> true;
            default -> false;
        };
    }
}
