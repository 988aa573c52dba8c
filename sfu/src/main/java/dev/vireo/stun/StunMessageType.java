package dev.vireo.stun;

/**
 * The STUN message type: a 12-bit method and a 2-bit class interleaved in 14 bits (RFC 8489 §5).
 * <pre>
 *                   0                 1
 *                   2  3  4 5 6 7 8 9 0 1 2 3 4 5
 *                  +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 *                  |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
 *                  |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
 *                  +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * ICE uses only the Binding method (0x001, RFC 8489 §18.2), in all four classes.
 */
public final class StunMessageType {
    /** The Binding method. */
    public static final int BINDING = 0x001;

    /** A Binding request (class 0b00): a connectivity or consent check. */
    public static final int BINDING_REQUEST = 0x0001;
    /** A Binding indication (class 0b01): a keepalive that needs no answer (RFC 8445 §11). */
    public static final int BINDING_INDICATION = 0x0011;
    /** A Binding success response (class 0b10). */
    public static final int BINDING_SUCCESS_RESPONSE = 0x0101;
    /** A Binding error response (class 0b11). */
    public static final int BINDING_ERROR_RESPONSE = 0x0111;

    /** The four classes of RFC 8489 §5. */
    public enum MessageClass { REQUEST, INDICATION, SUCCESS_RESPONSE, ERROR_RESPONSE }

    private StunMessageType() {
    }

    /** The method bits of a 14-bit message type. */
    public static int method(int type) {
        return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
    }

    /** The class bits of a 14-bit message type. */
    public static MessageClass messageClass(int type) {
        int bits = ((type >> 7) & 0b10) | ((type >> 4) & 0b01);
        return MessageClass.values()[bits];
    }

    /** The 14-bit message type for a method and class. */
    public static int of(int method, MessageClass messageClass) {
        int c = messageClass.ordinal();
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                | ((c & 0b01) << 4) | ((c & 0b10) << 7);
    }
}
