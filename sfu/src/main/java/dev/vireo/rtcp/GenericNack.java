package dev.vireo.rtcp;

import java.util.ArrayList;
import java.util.List;

/**
 * Generic NACK (RFC 4585 §6.2.1), an RTPFB message with FMT = 1. Each FCI item names a lost packet (PID) and, in
 * the bitmask BLP, which of the 16 packets after it are lost too (bit i set: PID + i + 1 is lost).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=1  |    PT=205     |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            PID                |             BLP               |   FCI item,
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   repeated
 * </pre>
 * The writer packs sequence numbers greedily in the order given: an item starts at a number and takes in each
 * following number that lies 1..16 after it; the first that does not starts the next item. Given numbers in
 * increasing order (as the parser returns them for a canonical packet), writing reproduces the packet.
 */
public record GenericNack(int senderSsrc, int mediaSsrc, List<Integer> lostSequenceNumbers) {
    private static final int ITEM_SIZE = 4;

    public GenericNack {
        lostSequenceNumbers = List.copyOf(lostSequenceNumbers);
        if (lostSequenceNumbers.isEmpty()) {
            throw new IllegalArgumentException("a NACK names at least one packet");
        }
    }

    public static GenericNack parse(byte[] b, int off, int len) throws RtcpParseException {
        int content = RtcpFeedback.check(b, off, len, RtcpPacketType.RTPFB, RtcpFeedback.FMT_GENERIC_NACK);
        int items = (content - RtcpFeedback.HEADER_SIZE) / ITEM_SIZE;
        if (items == 0) {
            throw new RtcpParseException("NACK without an FCI item");
        }
        List<Integer> lost = new ArrayList<>(items * 2);
        for (int i = 0; i < items; i++) {
            int pid = pid(b, off, i);
            int blp = blp(b, off, i);
            lost.add(pid);
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    lost.add((pid + bit + 1) & 0xFFFF);
                }
            }
        }
        return new GenericNack(RtcpFeedback.senderSsrc(b, off), RtcpFeedback.mediaSsrc(b, off), lost);
    }

    public int size() {
        return size(toArray(), lostSequenceNumbers.size());
    }

    public int writeTo(byte[] dst, int off) {
        return write(dst, off, senderSsrc, mediaSsrc, toArray(), lostSequenceNumbers.size());
    }

    private int[] toArray() {
        int[] seqs = new int[lostSequenceNumbers.size()];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = lostSequenceNumbers.get(i);
        }
        return seqs;
    }

    /** Bytes {@link #write} needs for the first {@code count} numbers of {@code seqs}. */
    public static int size(int[] seqs, int count) {
        return RtcpFeedback.HEADER_SIZE + itemsFor(seqs, count) * ITEM_SIZE;
    }

    /**
     * Writes a NACK for the first {@code count} (at least one) sequence numbers of {@code seqs}, without allocating.
     *
     * @return the bytes written, {@link #size(int[], int)}
     */
    public static int write(byte[] dst, int off, int senderSsrc, int mediaSsrc, int[] seqs, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a NACK names at least one packet");
        }
        int size = size(seqs, count);
        RtcpFeedback.writeHeader(dst, off, RtcpPacketType.RTPFB, RtcpFeedback.FMT_GENERIC_NACK, size, senderSsrc,
                mediaSsrc);
        int at = off + RtcpFeedback.HEADER_SIZE;
        int pid = seqs[0] & 0xFFFF;
        int blp = 0;
        for (int i = 1; i < count; i++) {
            int distance = (seqs[i] - pid) & 0xFFFF;
            if (distance >= 1 && distance <= 16) {
                blp |= 1 << (distance - 1);
            } else if (distance != 0) {
                at = writeItem(dst, at, pid, blp);
                pid = seqs[i] & 0xFFFF;
                blp = 0;
            }
        }
        writeItem(dst, at, pid, blp);
        return size;
    }

    private static int itemsFor(int[] seqs, int count) {
        if (count < 1) {
            return 0;
        }
        int items = 1;
        int pid = seqs[0] & 0xFFFF;
        for (int i = 1; i < count; i++) {
            int distance = (seqs[i] - pid) & 0xFFFF;
            if (distance > 16) {
                items++;
                pid = seqs[i] & 0xFFFF;
            }
        }
        return items;
    }

    private static int writeItem(byte[] dst, int at, int pid, int blp) {
        RtcpHeader.writeUint16(dst, at, pid);
        RtcpHeader.writeUint16(dst, at + 2, blp);
        return at + ITEM_SIZE;
    }

    /** Number of FCI items in a NACK the caller has bounded to {@code len} bytes. */
    public static int itemCount(byte[] b, int off, int len) {
        return Math.max(0, (len - RtcpFeedback.HEADER_SIZE) / ITEM_SIZE);
    }

    /** The PID of item {@code index}, for reading a NACK without allocating. */
    public static int pid(byte[] b, int off, int index) {
        return RtcpHeader.readUint16(b, off + RtcpFeedback.HEADER_SIZE + index * ITEM_SIZE);
    }

    /** The BLP of item {@code index}. */
    public static int blp(byte[] b, int off, int index) {
        return RtcpHeader.readUint16(b, off + RtcpFeedback.HEADER_SIZE + index * ITEM_SIZE + 2);
    }

    /** The media source SSRC of a NACK the caller has bounded. */
    public static int mediaSsrc(byte[] b, int off) {
        return RtcpFeedback.mediaSsrc(b, off);
    }
}
