package dev.vireo.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * BYE: goodbye (RFC 3550 §6.6).
 * <pre>
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |V=2|P|    SC   |   PT=BYE=203  |             length            |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |                           SSRC/CSRC                           |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       :                              ...                              :
 *       +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * (opt) |     length    |               reason for leaving            ...
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The reason is UTF-8 text padded with nulls to a 32-bit boundary; an empty reason is not written.
 *
 * @param reason the reason for leaving, "" when absent
 */
public record Goodbye(List<Integer> ssrcs, String reason) {
    public Goodbye {
        ssrcs = List.copyOf(ssrcs);
        if (ssrcs.size() > 31) {
            throw new IllegalArgumentException("a BYE holds at most 31 SSRCs");
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("BYE reason over 255 bytes");
        }
    }

    public static Goodbye parse(byte[] b, int off, int len) throws RtcpParseException {
        int end = off + RtcpHeader.check(b, off, len, RtcpPacketType.BYE);
        int count = RtcpHeader.countOrFormat(b, off);
        int at = off + RtcpHeader.LENGTH;
        if (at + count * 4 > end) {
            throw new RtcpParseException("BYE with " + count + " SSRCs overruns the packet");
        }
        List<Integer> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(RtcpHeader.readInt(b, at));
            at += 4;
        }
        String reason = "";
        if (at < end) {
            int length = b[at] & 0xFF;
            if (at + 1 + length > end) {
                throw new RtcpParseException("BYE reason overruns the packet");
            }
            reason = RtcpHeader.utf8(b, at + 1, length);
        }
        return new Goodbye(ssrcs, reason);
    }

    public int size() {
        int reasonBytes = reason.isEmpty() ? 0 : 1 + reason.getBytes(StandardCharsets.UTF_8).length;
        return RtcpHeader.LENGTH + ssrcs.size() * 4 + (reasonBytes + 3) / 4 * 4;
    }

    public int writeTo(byte[] dst, int off) {
        int size = size();
        RtcpHeader.write(dst, off, ssrcs.size(), RtcpPacketType.BYE, size);
        int at = off + RtcpHeader.LENGTH;
        for (int ssrc : ssrcs) {
            RtcpHeader.writeInt(dst, at, ssrc);
            at += 4;
        }
        if (!reason.isEmpty()) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            dst[at] = (byte) text.length;
            System.arraycopy(text, 0, dst, at + 1, text.length);
            at += 1 + text.length;
            while (at < off + size) {
                dst[at++] = 0;
            }
        }
        return size;
    }
}
