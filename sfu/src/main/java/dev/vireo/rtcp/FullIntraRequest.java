package dev.vireo.rtcp;

import java.util.ArrayList;
import java.util.List;

/**
 * FIR: Full Intra Request (RFC 5104 §4.3.1), a PSFB message with FMT = 4. The header's media source SSRC is unused
 * (zero); each FCI entry names a media sender and a command sequence number that the sender uses to spot repeats.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=4  |    PT=206     |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source (unused) = 0            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              SSRC                             |   FCI entry,
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   repeated
 * | Seq nr.       |    Reserved                                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record FullIntraRequest(int senderSsrc, List<Entry> entries) {
    /** One request: the media sender asked for a keyframe and the 8-bit command sequence number. */
    public record Entry(int ssrc, int seqNr) {
        public Entry {
            if (seqNr < 0 || seqNr > 255) {
                throw new IllegalArgumentException("FIR seqNr " + seqNr);
            }
        }
    }

    private static final int ENTRY_SIZE = 8;

    public FullIntraRequest {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a FIR has at least one entry");
        }
    }

    public static FullIntraRequest parse(byte[] b, int off, int len) throws RtcpParseException {
        int content = RtcpFeedback.check(b, off, len, RtcpPacketType.PSFB, RtcpFeedback.FMT_FIR);
        int count = (content - RtcpFeedback.HEADER_SIZE) / ENTRY_SIZE;
        if (count == 0) {
            throw new RtcpParseException("FIR without an FCI entry");
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = off + RtcpFeedback.HEADER_SIZE + i * ENTRY_SIZE;
            entries.add(new Entry(RtcpHeader.readInt(b, at), b[at + 4] & 0xFF));
        }
        return new FullIntraRequest(RtcpFeedback.senderSsrc(b, off), entries);
    }

    public int size() {
        return RtcpFeedback.HEADER_SIZE + entries.size() * ENTRY_SIZE;
    }

    public int writeTo(byte[] dst, int off) {
        int size = size();
        RtcpFeedback.writeHeader(dst, off, RtcpPacketType.PSFB, RtcpFeedback.FMT_FIR, size, senderSsrc, 0);
        int at = off + RtcpFeedback.HEADER_SIZE;
        for (Entry entry : entries) {
            writeEntry(dst, at, entry.ssrc(), entry.seqNr());
            at += ENTRY_SIZE;
        }
        return size;
    }

    /**
     * Writes a FIR with one entry asking {@code mediaSsrc}'s sender for a keyframe.
     *
     * @param seqNr the command sequence number; only its low 8 bits are written
     * @return 20, the bytes written
     */
    public static int write(byte[] dst, int off, int senderSsrc, int mediaSsrc, int seqNr) {
        int size = RtcpFeedback.HEADER_SIZE + ENTRY_SIZE;
        RtcpFeedback.writeHeader(dst, off, RtcpPacketType.PSFB, RtcpFeedback.FMT_FIR, size, senderSsrc, 0);
        writeEntry(dst, off + RtcpFeedback.HEADER_SIZE, mediaSsrc, seqNr);
        return size;
    }

    private static void writeEntry(byte[] dst, int at, int ssrc, int seqNr) {
        RtcpHeader.writeInt(dst, at, ssrc);
        RtcpHeader.writeInt(dst, at + 4, (seqNr & 0xFF) << 24);
    }

    /** Number of FCI entries in a FIR of {@code len} bytes (0 when it has none). */
    public static int entryCount(byte[] b, int off, int len) {
        return Math.max(0, (len - RtcpFeedback.HEADER_SIZE) / ENTRY_SIZE);
    }

    /**
     * The SSRC in the first FCI entry of a FIR the caller has bounded to {@code len} bytes, or 0 when it has no
     * entry (check {@link #entryCount} if 0 could be a real SSRC).
     */
    public static int firstRequestedSsrc(byte[] b, int off, int len) {
        return entryCount(b, off, len) == 0 ? 0 : RtcpHeader.readInt(b, off + RtcpFeedback.HEADER_SIZE);
    }
}
