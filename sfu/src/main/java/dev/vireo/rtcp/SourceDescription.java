package dev.vireo.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SDES: source description (RFC 3550 §6.5).
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    SC   |  PT=SDES=202  |             length            |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * chunk  |                          SSRC/CSRC_1                          |
 *   1    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                           SDES items                          |
 *        |                              ...                              |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * chunk  |                          SSRC/CSRC_2                          |
 *   2    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                           SDES items                          |
 *        |                              ...                              |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 * Each item is a type byte, a length byte and that many bytes of UTF-8 text; CNAME (§6.5.1) is type 1:
 * <pre>
 *  |    CNAME=1    |     length    | user and domain name        ...
 * </pre>
 * A chunk's item list ends with one or more null bytes that pad the chunk to a 32-bit boundary.
 */
public record SourceDescription(List<Chunk> chunks) {
    public static final int CNAME = 1;

    public SourceDescription {
        chunks = List.copyOf(chunks);
        if (chunks.size() > 31) {
            throw new IllegalArgumentException("an SDES holds at most 31 chunks");
        }
    }

    /** An SDES with one chunk holding one CNAME item. */
    public static SourceDescription ofCname(int ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, List.of(new Item(CNAME, cname)))));
    }

    /** One SDES item; {@code text} is at most 255 bytes in UTF-8. */
    public record Item(int type, String text) {
        public Item {
            if (type < 1 || type > 255) {
                throw new IllegalArgumentException("item type " + type);
            }
            if (text.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException("SDES item text over 255 bytes");
            }
        }

        int size() {
            return 2 + text.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** The items describing one source. */
    public record Chunk(int ssrc, List<Item> items) {
        public Chunk {
            items = List.copyOf(items);
        }

        /** The CNAME item's text, or null when the chunk has none. */
        public String cname() {
            for (Item item : items) {
                if (item.type() == CNAME) {
                    return item.text();
                }
            }
            return null;
        }

        int size() {
            int itemBytes = 0;
            for (Item item : items) {
                itemBytes += item.size();
            }
            // At least one null byte ends the list, then nulls up to the next 32-bit boundary.
            return 4 + itemBytes + (4 - itemBytes % 4);
        }
    }

    public static SourceDescription parse(byte[] b, int off, int len) throws RtcpParseException {
        int end = off + RtcpHeader.check(b, off, len, RtcpPacketType.SDES);
        int count = RtcpHeader.countOrFormat(b, off);
        List<Chunk> chunks = new ArrayList<>(count);
        int at = off + RtcpHeader.LENGTH;
        for (int i = 0; i < count; i++) {
            if (at + 4 > end) {
                throw new RtcpParseException("SDES chunk " + i + " missing");
            }
            int ssrc = RtcpHeader.readInt(b, at);
            at += 4;
            List<Item> items = new ArrayList<>();
            while (true) {
                if (at >= end) {
                    throw new RtcpParseException("SDES chunk " + i + " has no terminating null byte");
                }
                int type = b[at] & 0xFF;
                if (type == 0) {
                    // Skip the terminator and the padding to the next 32-bit boundary of the packet.
                    at += 4 - (at - off) % 4;
                    break;
                }
                if (at + 2 > end || at + 2 + (b[at + 1] & 0xFF) > end) {
                    throw new RtcpParseException("SDES item overruns the packet");
                }
                int length = b[at + 1] & 0xFF;
                items.add(new Item(type, RtcpHeader.utf8(b, at + 2, length)));
                at += 2 + length;
            }
            chunks.add(new Chunk(ssrc, items));
        }
        return new SourceDescription(chunks);
    }

    public int size() {
        int size = RtcpHeader.LENGTH;
        for (Chunk chunk : chunks) {
            size += chunk.size();
        }
        return size;
    }

    public int writeTo(byte[] dst, int off) {
        int size = size();
        RtcpHeader.write(dst, off, chunks.size(), RtcpPacketType.SDES, size);
        int at = off + RtcpHeader.LENGTH;
        for (Chunk chunk : chunks) {
            int chunkEnd = at + chunk.size();
            RtcpHeader.writeInt(dst, at, chunk.ssrc());
            at += 4;
            for (Item item : chunk.items()) {
                byte[] text = item.text().getBytes(StandardCharsets.UTF_8);
                dst[at] = (byte) item.type();
                dst[at + 1] = (byte) text.length;
                System.arraycopy(text, 0, dst, at + 2, text.length);
                at += 2 + text.length;
            }
            while (at < chunkEnd) {
                dst[at++] = 0;
            }
        }
        return size;
    }
}
