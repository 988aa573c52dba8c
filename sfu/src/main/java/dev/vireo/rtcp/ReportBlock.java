package dev.vireo.rtcp;

/**
 * One reception report block, carried in sender and receiver reports (RFC 3550 §6.4.1):
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 SSRC_1 (SSRC of first source)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | fraction lost |       cumulative number of packets lost       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           extended highest sequence number received           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      interarrival jitter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         last SR (LSR)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   delay since last SR (DLSR)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param fractionLost      lost fraction since the last report, in 1/256 (0..255)
 * @param cumulativeLost    packets lost since the start, a signed 24-bit number (duplicates can make it negative)
 * @param extendedHighestSeq cycles &lt;&lt; 16 | highest sequence number, 0..2^32-1
 * @param jitter            interarrival jitter in timestamp units, 0..2^32-1
 * @param lastSr            middle 32 bits of the last SR's NTP timestamp, 0 if none
 * @param delaySinceLastSr  in units of 1/65536 s, 0..2^32-1
 */
public record ReportBlock(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSeq, long jitter,
        long lastSr, long delaySinceLastSr) {
    public static final int SIZE = 24;
    private static final long UINT32 = 0xFFFF_FFFFL;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fractionLost " + fractionLost);
        }
        if (cumulativeLost < -(1 << 23) || cumulativeLost >= 1 << 23) {
            throw new IllegalArgumentException("cumulativeLost " + cumulativeLost + " does not fit 24 bits");
        }
        if ((extendedHighestSeq & ~UINT32) != 0 || (jitter & ~UINT32) != 0 || (lastSr & ~UINT32) != 0
                || (delaySinceLastSr & ~UINT32) != 0) {
            throw new IllegalArgumentException("a 32-bit field is out of range");
        }
    }

    /** Reads the block at {@code at}; the caller has checked that 24 bytes are there. */
    static ReportBlock read(byte[] b, int at) {
        int lost24 = RtcpHeader.readUint24(b, at + 5);
        return new ReportBlock(
                RtcpHeader.readInt(b, at),
                b[at + 4] & 0xFF,
                (lost24 << 8) >> 8,
                RtcpHeader.readUint32(b, at + 8),
                RtcpHeader.readUint32(b, at + 12),
                RtcpHeader.readUint32(b, at + 16),
                RtcpHeader.readUint32(b, at + 20));
    }

    public int size() {
        return SIZE;
    }

    public int writeTo(byte[] dst, int off) {
        RtcpHeader.writeInt(dst, off, ssrc);
        dst[off + 4] = (byte) fractionLost;
        RtcpHeader.writeUint24(dst, off + 5, cumulativeLost);
        RtcpHeader.writeInt(dst, off + 8, (int) extendedHighestSeq);
        RtcpHeader.writeInt(dst, off + 12, (int) jitter);
        RtcpHeader.writeInt(dst, off + 16, (int) lastSr);
        RtcpHeader.writeInt(dst, off + 20, (int) delaySinceLastSr);
        return SIZE;
    }
}
