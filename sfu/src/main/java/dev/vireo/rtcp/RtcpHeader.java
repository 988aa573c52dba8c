package dev.vireo.rtcp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The 4-byte header every RTCP packet starts with (RFC 3550 §6.4.1):
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| RC/FMT  |      PT       |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * {@code length} is the packet's size in 32-bit words minus one, header and padding included. With P = 1 the last
 * byte of the packet holds the number of padding bytes, itself included.
 */
public final class RtcpHeader {
    public static final int LENGTH = 4;

    private RtcpHeader() {
    }

    /** The 5-bit count (RC, SC) or feedback message type (FMT). */
    public static int countOrFormat(byte[] b, int off) {
        return b[off] & 0x1F;
    }

    public static int packetType(byte[] b, int off) {
        return b[off + 1] & 0xFF;
    }

    public static boolean hasPadding(byte[] b, int off) {
        return (b[off] & 0x20) != 0;
    }

    /** The packet's size in bytes from its length field, header and padding included. */
    public static int packetLength(byte[] b, int off) {
        return (readUint16(b, off + 2) + 1) * 4;
    }

    /**
     * Writes a header without padding for a packet of {@code packetLength} bytes (a multiple of 4).
     *
     * @return 4, the bytes written
     */
    public static int write(byte[] dst, int off, int countOrFormat, int packetType, int packetLength) {
        dst[off] = (byte) (0x80 | (countOrFormat & 0x1F));
        dst[off + 1] = (byte) packetType;
        writeUint16(dst, off + 2, packetLength / 4 - 1);
        return LENGTH;
    }

    /**
     * Checks that a packet of type {@code packetType} starts at {@code off} and fits in {@code len} bytes, and returns
     * the length of its content: the packet's bytes from {@code off}, header included, padding excluded.
     */
    static int check(byte[] b, int off, int len, int packetType) throws RtcpParseException {
        if (b == null || off < 0 || len < LENGTH || off > b.length - len) {
            throw new RtcpParseException("shorter than an RTCP header");
        }
        if ((b[off] & 0xC0) != 0x80) {
            throw new RtcpParseException("RTCP version is not 2");
        }
        if (packetType(b, off) != packetType) {
            throw new RtcpParseException("packet type " + packetType(b, off) + ", expected " + packetType);
        }
        int length = packetLength(b, off);
        if (length > len) {
            throw new RtcpParseException("length field says " + length + " bytes, only " + len + " present");
        }
        if (hasPadding(b, off)) {
            int padding = b[off + length - 1] & 0xFF;
            if (padding == 0 || padding > length - LENGTH) {
                throw new RtcpParseException("bad padding count " + padding);
            }
            length -= padding;
        }
        return length;
    }

    /**
     * Decodes UTF-8 text strictly: bytes that are not UTF-8 are a parse error, so what is parsed writes back the same.
     */
    static String utf8(byte[] b, int at, int len) throws RtcpParseException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, at, len)).toString();
        } catch (CharacterCodingException e) {
            throw new RtcpParseException("text is not UTF-8");
        }
    }

    static int readUint16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int readUint24(byte[] b, int at) {
        return ((b[at] & 0xFF) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
    }

    static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    static long readUint32(byte[] b, int at) {
        return readInt(b, at) & 0xFFFF_FFFFL;
    }

    static void writeUint16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void writeUint24(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 16);
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) v;
    }

    static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
