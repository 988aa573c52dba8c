package dev.vireo.rtcp;

/**
 * Walks the packets of a compound RTCP packet (RFC 3550 §6.1) without allocating: one instance per thread, reset
 * for each datagram.
 * <pre>{@code
 * it.reset(b, off, len);
 * while (it.next()) {
 *     switch (it.packetType()) { case RtcpPacketType.SR -> ...; case RtcpPacketType.PSFB -> ...; }
 * }
 * if (it.malformed()) { count and drop the rest }
 * }</pre>
 * Each packet is checked for version 2, a length that fits in what is left, and (when P = 1) a padding count that fits
 * inside it. Iteration stops at the first packet that fails; the packets before it were fine. The padding bit is
 * accepted on any packet, not only the last: SRTCP and some stacks pad individual packets.
 */
public final class RtcpIterator {
    private byte[] buf;
    private int next;
    private int end;
    private int offset;
    private int length;
    private boolean malformed;

    /** Starts over on {@code [off, off + len)}; a window outside {@code b} is reported as malformed. */
    public void reset(byte[] b, int off, int len) {
        buf = b;
        offset = 0;
        length = 0;
        malformed = b == null || off < 0 || len < 0 || off > b.length - len;
        next = off;
        end = malformed ? off : off + len;
    }

    /** Moves to the next packet; false at the end of the compound packet or at a malformed packet. */
    public boolean next() {
        if (malformed || next >= end) {
            return false;
        }
        int remaining = end - next;
        if (remaining < RtcpHeader.LENGTH || (buf[next] & 0xC0) != 0x80) {
            return fail();
        }
        int packetLength = RtcpHeader.packetLength(buf, next);
        if (packetLength > remaining) {
            return fail();
        }
        if (RtcpHeader.hasPadding(buf, next)) {
            int padding = buf[next + packetLength - 1] & 0xFF;
            if (padding == 0 || padding > packetLength - RtcpHeader.LENGTH) {
                return fail();
            }
        }
        offset = next;
        length = packetLength;
        next += packetLength;
        return true;
    }

    private boolean fail() {
        malformed = true;
        offset = 0;
        length = 0;
        return false;
    }

    /** True when iteration stopped at a malformed packet rather than at the end. */
    public boolean malformed() {
        return malformed;
    }

    public int packetType() {
        return RtcpHeader.packetType(buf, offset);
    }

    /** The 5-bit RC / SC / FMT field. */
    public int countOrFormat() {
        return RtcpHeader.countOrFormat(buf, offset);
    }

    /** Absolute offset of the current packet's header. */
    public int offset() {
        return offset;
    }

    /** Bytes in the current packet, header and padding included. */
    public int length() {
        return length;
    }

    /** Padding bytes at the end of the current packet (0 when P = 0). */
    public int paddingLength() {
        return RtcpHeader.hasPadding(buf, offset) ? buf[offset + length - 1] & 0xFF : 0;
    }
}
