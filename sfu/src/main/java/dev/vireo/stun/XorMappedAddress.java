package dev.vireo.stun;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the source address a request came from, obfuscated so that NATs rewriting
 * addresses in payloads leave it alone.
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                X-Address (Variable)
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * X-Port is the port XOR the cookie's top 16 bits; an IPv4 X-Address is XOR the magic cookie, an IPv6 one XOR the
 * cookie followed by the transaction ID. Family 0x01 is IPv4 (value 8 bytes), 0x02 IPv6 (20 bytes).
 *
 * @param address an IPv4 or IPv6 address
 * @param port    0..65535
 */
public record XorMappedAddress(InetAddress address, int port) {
    private static final int FAMILY_IPV4 = 0x01;
    private static final int FAMILY_IPV6 = 0x02;

    public XorMappedAddress {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    public static XorMappedAddress of(InetSocketAddress socketAddress) {
        return new XorMappedAddress(socketAddress.getAddress(), socketAddress.getPort());
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(address, port);
    }

    /**
     * Parses the attribute value at {@code message[valueOff, valueOff + valueLen)} of the message that starts at
     * {@code messageOff} (whose header holds the transaction ID the IPv6 form needs).
     */
    public static XorMappedAddress parse(byte[] message, int messageOff, int valueOff, int valueLen)
            throws StunException {
        if (valueLen < 4 || valueOff < 0 || valueOff > message.length - valueLen
                || messageOff < 0 || messageOff > message.length - StunMessage.HEADER_LENGTH) {
            throw new StunException("XOR-MAPPED-ADDRESS too short");
        }
        int family = message[valueOff + 1] & 0xFF;
        int expected = family == FAMILY_IPV4 ? 8 : family == FAMILY_IPV6 ? 20 : -1;
        if (expected < 0) {
            throw new StunException("XOR-MAPPED-ADDRESS has unknown family " + family);
        }
        if (valueLen != expected) {
            throw new StunException("XOR-MAPPED-ADDRESS of family " + family + " has length " + valueLen);
        }
        int port = StunMessage.readShort(message, valueOff + 2) ^ (StunMessage.MAGIC_COOKIE >>> 16);
        byte[] raw = new byte[expected - 4];
        for (int i = 0; i < raw.length; i++) {
            // bytes 4..19 of the header are the cookie then the transaction ID: exactly the XOR pad
            raw[i] = (byte) (message[valueOff + 4 + i] ^ message[messageOff + 4 + i]);
        }
        try {
            return new XorMappedAddress(InetAddress.getByAddress(raw), port);
        } catch (UnknownHostException e) {
            throw new StunException("bad address length"); // cannot happen for 4 or 16 bytes
        }
    }

    /** Bytes of the whole attribute: header and value (always a multiple of 4). */
    public int size() {
        return 4 + valueLength();
    }

    /**
     * Writes the attribute (header and value) for the message whose header is already at {@code message[messageOff]}.
     *
     * @return bytes written
     */
    public int writeTo(byte[] message, int messageOff, int at) {
        int valueLength = valueLength();
        writeShort(message, at, StunAttributeType.XOR_MAPPED_ADDRESS);
        writeShort(message, at + 2, valueLength);
        message[at + 4] = 0;
        message[at + 5] = (byte) (address instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6);
        writeShort(message, at + 6, port ^ (StunMessage.MAGIC_COOKIE >>> 16));
        byte[] raw = address.getAddress();
        for (int i = 0; i < raw.length; i++) {
            message[at + 8 + i] = (byte) (raw[i] ^ message[messageOff + 4 + i]);
        }
        return 4 + valueLength;
    }

    private int valueLength() {
        return address instanceof Inet6Address ? 20 : 8;
    }

    static void writeShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }
}
