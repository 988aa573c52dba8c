package dev.vireo.rtcp;

import java.util.ArrayList;
import java.util.List;

/**
 * REMB: Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb-03 §2.2), a PSFB application-layer feedback
 * message (FMT = 15) whose FCI starts with the ASCII bytes "REMB".
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| FMT=15  |   PT=206      |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source = 0                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Unique identifier 'R' 'E' 'M' 'B'                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Num SSRC     | BR Exp    |  BR Mantissa                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   SSRC feedback                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ...                                                          |
 * </pre>
 * The bitrate is {@code mantissa << exp} bits per second. The writer uses the smallest exponent that fits the
 * mantissa's 18 bits, rounding the bitrate down, as libwebrtc does; values beyond a long saturate on parse.
 */
public record ReceiverEstimatedMaxBitrate(int senderSsrc, long bitrateBps, List<Integer> ssrcs) {
    private static final int FIXED_SIZE = 20;
    private static final int IDENTIFIER = ('R' << 24) | ('E' << 16) | ('M' << 8) | 'B';
    private static final int MAX_MANTISSA = (1 << 18) - 1;

    public ReceiverEstimatedMaxBitrate {
        ssrcs = List.copyOf(ssrcs);
        if (bitrateBps < 0) {
            throw new IllegalArgumentException("negative bitrate");
        }
        if (ssrcs.size() > 255) {
            throw new IllegalArgumentException("a REMB names at most 255 SSRCs");
        }
    }

    public static ReceiverEstimatedMaxBitrate parse(byte[] b, int off, int len) throws RtcpParseException {
        int content = RtcpFeedback.check(b, off, len, RtcpPacketType.PSFB, RtcpFeedback.FMT_AFB);
        if (!isRemb(b, off, content)) {
            throw new RtcpParseException("not a well-formed REMB");
        }
        int count = b[off + 16] & 0xFF;
        List<Integer> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(RtcpHeader.readInt(b, off + FIXED_SIZE + i * 4));
        }
        return new ReceiverEstimatedMaxBitrate(RtcpFeedback.senderSsrc(b, off), bitrateBps(b, off), ssrcs);
    }

    /**
     * True when the {@code len} bytes at {@code off} (inside {@code b}) are a PSFB/AFB packet with the "REMB"
     * identifier whose SSRC list fits. Checks bounds, so it can be called on anything {@link RtcpIterator} returned.
     */
    public static boolean isRemb(byte[] b, int off, int len) {
        if (b == null || off < 0 || len < FIXED_SIZE || off > b.length - len) {
            return false;
        }
        return RtcpHeader.packetType(b, off) == RtcpPacketType.PSFB
                && RtcpHeader.countOrFormat(b, off) == RtcpFeedback.FMT_AFB
                && RtcpHeader.readInt(b, off + 12) == IDENTIFIER
                && FIXED_SIZE + (b[off + 16] & 0xFF) * 4 <= len;
    }

    /** The bitrate of a REMB that passed {@link #isRemb}, in bits per second. */
    public static long bitrateBps(byte[] b, int off) {
        int exp = (b[off + 17] & 0xFC) >>> 2;
        long mantissa = RtcpHeader.readUint24(b, off + 17) & MAX_MANTISSA;
        if (mantissa != 0 && mantissa > (Long.MAX_VALUE >>> exp)) {
            return Long.MAX_VALUE;
        }
        return mantissa << exp;
    }

    public int size() {
        return FIXED_SIZE + ssrcs.size() * 4;
    }

    public int writeTo(byte[] dst, int off) {
        int size = size();
        writeFixed(dst, off, senderSsrc, bitrateBps, ssrcs.size(), size);
        for (int i = 0; i < ssrcs.size(); i++) {
            RtcpHeader.writeInt(dst, off + FIXED_SIZE + i * 4, ssrcs.get(i));
        }
        return size;
    }

    /**
     * Writes a REMB for the first {@code ssrcCount} SSRCs of {@code ssrcs}, without allocating.
     *
     * @return the bytes written, {@code 20 + 4 * ssrcCount}
     */
    public static int write(byte[] dst, int off, int senderSsrc, long bitrateBps, int[] ssrcs, int ssrcCount) {
        if (bitrateBps < 0 || ssrcCount < 0 || ssrcCount > 255) {
            throw new IllegalArgumentException("bitrate " + bitrateBps + ", " + ssrcCount + " SSRCs");
        }
        int size = FIXED_SIZE + ssrcCount * 4;
        writeFixed(dst, off, senderSsrc, bitrateBps, ssrcCount, size);
        for (int i = 0; i < ssrcCount; i++) {
            RtcpHeader.writeInt(dst, off + FIXED_SIZE + i * 4, ssrcs[i]);
        }
        return size;
    }

    private static void writeFixed(byte[] dst, int off, int senderSsrc, long bitrateBps, int ssrcCount, int size) {
        RtcpFeedback.writeHeader(dst, off, RtcpPacketType.PSFB, RtcpFeedback.FMT_AFB, size, senderSsrc, 0);
        RtcpHeader.writeInt(dst, off + 12, IDENTIFIER);
        int exp = 0;
        while ((bitrateBps >>> exp) > MAX_MANTISSA) {
            exp++;
        }
        dst[off + 16] = (byte) ssrcCount;
        RtcpHeader.writeUint24(dst, off + 17, (exp << 18) | (int) (bitrateBps >>> exp));
    }
}
