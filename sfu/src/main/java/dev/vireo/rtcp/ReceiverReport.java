package dev.vireo.rtcp;

import java.util.ArrayList;
import java.util.List;

/**
 * RR: receiver report (RFC 3550 §6.4.2).
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    RC   |   PT=RR=201   |             length            |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                     SSRC of packet sender                     |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                 report block 1 (see ReportBlock)              |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                  profile-specific extensions                  |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Profile-specific extensions are not kept by {@link #parse}.
 */
public record ReceiverReport(int senderSsrc, List<ReportBlock> reportBlocks) {
    /** Bytes before the report blocks. */
    public static final int HEADER_SIZE = 8;

    public ReceiverReport {
        reportBlocks = List.copyOf(reportBlocks);
        if (reportBlocks.size() > 31) {
            throw new IllegalArgumentException("an RR holds at most 31 report blocks");
        }
    }

    public static ReceiverReport parse(byte[] b, int off, int len) throws RtcpParseException {
        int content = RtcpHeader.check(b, off, len, RtcpPacketType.RR);
        int count = RtcpHeader.countOrFormat(b, off);
        if (HEADER_SIZE + count * ReportBlock.SIZE > content) {
            throw new RtcpParseException("RR with " + count + " report blocks does not fit in " + content + " bytes");
        }
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(ReportBlock.read(b, off + HEADER_SIZE + i * ReportBlock.SIZE));
        }
        return new ReceiverReport(RtcpHeader.readInt(b, off + 4), blocks);
    }

    public int size() {
        return HEADER_SIZE + reportBlocks.size() * ReportBlock.SIZE;
    }

    public int writeTo(byte[] dst, int off) {
        return write(dst, off, senderSsrc, reportBlocks.toArray(new ReportBlock[0]));
    }

    /**
     * Writes an RR without building the object form; the caller provides {@code 8 + 24 * blocks.length} bytes.
     *
     * @return the bytes written
     */
    public static int write(byte[] dst, int off, int senderSsrc, ReportBlock... blocks) {
        if (blocks.length > 31) {
            throw new IllegalArgumentException("an RR holds at most 31 report blocks");
        }
        int size = HEADER_SIZE + blocks.length * ReportBlock.SIZE;
        RtcpHeader.write(dst, off, blocks.length, RtcpPacketType.RR, size);
        RtcpHeader.writeInt(dst, off + 4, senderSsrc);
        int at = off + HEADER_SIZE;
        for (ReportBlock block : blocks) {
            at += block.writeTo(dst, at);
        }
        return size;
    }

    /** SSRC of the sender of an RR at {@code off} (bounded by the caller). */
    public static int senderSsrc(byte[] b, int off) {
        return RtcpHeader.readInt(b, off + 4);
    }
}
