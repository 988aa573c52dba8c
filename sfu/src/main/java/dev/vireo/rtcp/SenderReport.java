package dev.vireo.rtcp;

import java.util.ArrayList;
import java.util.List;

/**
 * SR: sender report (RFC 3550 §6.4.1).
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    RC   |   PT=SR=200   |             length            |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         SSRC of sender                        |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * sender |              NTP timestamp, most significant word             |
 * info   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |             NTP timestamp, least significant word             |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         RTP timestamp                         |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                     sender's packet count                     |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                      sender's octet count                     |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                 report block 1 (see ReportBlock)              |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                  profile-specific extensions                  |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The object form is for tests, tools and slow paths. The forwarding path uses the static accessors and
 * {@link #rewrite}, which work in place on a packet that {@link RtcpIterator} has already bounded; profile-specific
 * extensions are not kept by {@link #parse}.
 *
 * @param ntpTimestamp 64-bit NTP time, seconds in the high word and fraction in the low word
 * @param rtpTimestamp the RTP timestamp matching the NTP time, 0..2^32-1
 */
public record SenderReport(int ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
        List<ReportBlock> reportBlocks) {
    /** Bytes before the report blocks. */
    public static final int HEADER_SIZE = 28;

    public SenderReport {
        reportBlocks = List.copyOf(reportBlocks);
        if (reportBlocks.size() > 31) {
            throw new IllegalArgumentException("an SR holds at most 31 report blocks");
        }
        if ((rtpTimestamp >>> 32) != 0 || (packetCount >>> 32) != 0 || (octetCount >>> 32) != 0) {
            throw new IllegalArgumentException("a 32-bit field is out of range");
        }
    }

    public static SenderReport parse(byte[] b, int off, int len) throws RtcpParseException {
        int content = RtcpHeader.check(b, off, len, RtcpPacketType.SR);
        int count = RtcpHeader.countOrFormat(b, off);
        if (HEADER_SIZE + count * ReportBlock.SIZE > content) {
            throw new RtcpParseException("SR with " + count + " report blocks does not fit in " + content + " bytes");
        }
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(ReportBlock.read(b, off + HEADER_SIZE + i * ReportBlock.SIZE));
        }
        return new SenderReport(senderSsrc(b, off), ntpTimestamp(b, off), rtpTimestamp(b, off),
                RtcpHeader.readUint32(b, off + 20), RtcpHeader.readUint32(b, off + 24), blocks);
    }

    public int size() {
        return HEADER_SIZE + reportBlocks.size() * ReportBlock.SIZE;
    }

    public int writeTo(byte[] dst, int off) {
        int size = size();
        RtcpHeader.write(dst, off, reportBlocks.size(), RtcpPacketType.SR, size);
        RtcpHeader.writeInt(dst, off + 4, ssrc);
        RtcpHeader.writeInt(dst, off + 8, (int) (ntpTimestamp >>> 32));
        RtcpHeader.writeInt(dst, off + 12, (int) ntpTimestamp);
        RtcpHeader.writeInt(dst, off + 16, (int) rtpTimestamp);
        RtcpHeader.writeInt(dst, off + 20, (int) packetCount);
        RtcpHeader.writeInt(dst, off + 24, (int) octetCount);
        int at = off + HEADER_SIZE;
        for (ReportBlock block : reportBlocks) {
            at += block.writeTo(dst, at);
        }
        return size;
    }

    /** SSRC of the sender of an SR at {@code off} (bounded by the caller, e.g. {@link RtcpIterator}). */
    public static int senderSsrc(byte[] b, int off) {
        return RtcpHeader.readInt(b, off + 4);
    }

    /** The 64-bit NTP timestamp of an SR at {@code off}. */
    public static long ntpTimestamp(byte[] b, int off) {
        return ((long) RtcpHeader.readInt(b, off + 8) << 32) | RtcpHeader.readUint32(b, off + 12);
    }

    /** The RTP timestamp (0..2^32-1) of an SR at {@code off}. */
    public static long rtpTimestamp(byte[] b, int off) {
        return RtcpHeader.readUint32(b, off + 16);
    }

    /**
     * Rewrites the sender SSRC and RTP timestamp of an SR in place, for forwarding it under the SFU's outgoing SSRC
     * and timestamp base. The low 32 bits of {@code newRtpTimestamp} are written.
     */
    public static void rewrite(byte[] b, int off, int newSsrc, long newRtpTimestamp) {
        RtcpHeader.writeInt(b, off + 4, newSsrc);
        RtcpHeader.writeInt(b, off + 16, (int) newRtpTimestamp);
    }

    /**
     * Copies the sender-info part of an SR (header, SSRC, NTP/RTP timestamps, counts: {@link #HEADER_SIZE} bytes)
     * to {@code dst} as an SR without report blocks, and returns its length. An SFU forwarding a publisher's SR
     * drops the blocks: they describe streams the publisher receives, which the subscriber never saw.
     */
    public static int copySenderInfo(byte[] src, int srcOff, byte[] dst, int dstOff) {
        System.arraycopy(src, srcOff, dst, dstOff, HEADER_SIZE);
        dst[dstOff] = (byte) (dst[dstOff] & 0xE0); // report count 0
        RtcpHeader.writeUint16(dst, dstOff + 2, HEADER_SIZE / 4 - 1);
        return HEADER_SIZE;
    }

    /** Rewrites the sender's packet and octet counts of an SR in place (their low 32 bits, RFC 3550 §6.4.1). */
    public static void setCounts(byte[] b, int off, long packetCount, long octetCount) {
        RtcpHeader.writeInt(b, off + 20, (int) packetCount);
        RtcpHeader.writeInt(b, off + 24, (int) octetCount);
    }

    /** The middle 32 bits of an NTP timestamp: what a receiver echoes as LSR (RFC 3550 §6.4.1). */
    public static long compactNtp(long ntpTimestamp) {
        return (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
    }
}
