package dev.vireo.rtcp;

import java.util.Arrays;

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1), an RTPFB
 * message with FMT = 15 that reports, for a range of transport-wide sequence numbers, which packets arrived and when.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=15 |    PT=205     |           length              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      SSRC of media source                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      base sequence number     |      packet status count      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 reference time                | fb pkt. count |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          packet chunk         |         packet chunk          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .                                                               .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         packet chunk          |  recv delta   |  recv delta   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .                                                               .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           recv delta          |  recv delta   | zero padding  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Packet chunks (§3.1.2–3.1.4) give each packet a status symbol: 00 not received, 01 received with a small delta
 * (one unsigned byte), 10 received with a large or negative delta (two bytes, signed), 11 reserved.
 * <pre>
 *  run length chunk      |T=0| S |       run length (13 bits)      |
 *  status vector chunk   |T=1|S=0|  14 one-bit symbols (0 or 1)    |
 *                        |T=1|S=1|  7 two-bit symbols              |
 * </pre>
 * Deltas count 250 µs ticks from the previous received packet (the first from the reference time, which counts
 * 64 ms ticks). The chunks are kept as parsed, so a parsed packet writes back byte for byte. The writer pads to a
 * 32-bit boundary with the P bit set and the count in the last byte, as libwebrtc does; the parser also accepts
 * plain zero padding.
 */
public final class TransportCcFeedback {
    public static final int NOT_RECEIVED = 0;
    public static final int SMALL_DELTA = 1;
    public static final int LARGE_DELTA = 2;
    public static final int DELTA_TICK_MICROS = 250;
    public static final int REFERENCE_TIME_TICK_MICROS = 64_000;
    private static final int FIXED_SIZE = 20;
    private static final int MAX_RUN = (1 << 13) - 1;

    private final int senderSsrc;
    private final int mediaSsrc;
    private final int baseSequenceNumber;
    private final int referenceTime;
    private final int feedbackPacketCount;
    private final int[] chunks;
    private final byte[] symbols;
    private final int[] deltas;

    private TransportCcFeedback(int senderSsrc, int mediaSsrc, int baseSequenceNumber, int referenceTime,
            int feedbackPacketCount, int[] chunks, byte[] symbols, int[] deltas) {
        this.senderSsrc = senderSsrc;
        this.mediaSsrc = mediaSsrc;
        this.baseSequenceNumber = baseSequenceNumber;
        this.referenceTime = referenceTime;
        this.feedbackPacketCount = feedbackPacketCount;
        this.chunks = chunks;
        this.symbols = symbols;
        this.deltas = deltas;
    }

    public static TransportCcFeedback parse(byte[] b, int off, int len) throws RtcpParseException {
        int end = off + RtcpFeedback.check(b, off, len, RtcpPacketType.RTPFB, RtcpFeedback.FMT_TRANSPORT_CC);
        if (end - off < FIXED_SIZE) {
            throw new RtcpParseException("transport-cc feedback shorter than 20 bytes");
        }
        int count = RtcpHeader.readUint16(b, off + 14);
        byte[] symbols = new byte[count];
        int[] chunks = new int[(end - off - FIXED_SIZE) / 2];
        int chunkCount = 0;
        int at = off + FIXED_SIZE;
        int n = 0;
        while (n < count) {
            if (at + 2 > end) {
                throw new RtcpParseException("packet chunks cover " + n + " of " + count + " packets");
            }
            int chunk = RtcpHeader.readUint16(b, at);
            at += 2;
            chunks[chunkCount++] = chunk;
            n = decodeChunk(chunk, symbols, n);
        }
        int[] deltas = new int[count];
        for (int i = 0; i < count; i++) {
            if (symbols[i] == SMALL_DELTA) {
                if (at + 1 > end) {
                    throw new RtcpParseException("receive deltas overrun the packet");
                }
                deltas[i] = b[at] & 0xFF;
                at += 1;
            } else if (symbols[i] == LARGE_DELTA) {
                if (at + 2 > end) {
                    throw new RtcpParseException("receive deltas overrun the packet");
                }
                deltas[i] = (short) RtcpHeader.readUint16(b, at);
                at += 2;
            }
        }
        int referenceTime = (RtcpHeader.readUint24(b, off + 16) << 8) >> 8;
        return new TransportCcFeedback(RtcpFeedback.senderSsrc(b, off), RtcpFeedback.mediaSsrc(b, off),
                RtcpHeader.readUint16(b, off + 12), referenceTime, b[off + 19] & 0xFF,
                Arrays.copyOf(chunks, chunkCount), symbols, deltas);
    }

    /** Fills {@code symbols} from index {@code n} with the chunk's symbols (up to its length); returns the new n. */
    private static int decodeChunk(int chunk, byte[] symbols, int n) throws RtcpParseException {
        if ((chunk & 0x8000) == 0) {
            int symbol = (chunk >>> 13) & 0x3;
            int run = Math.min(chunk & MAX_RUN, symbols.length - n);
            if (symbol == 3 && run > 0) {
                throw new RtcpParseException("reserved status symbol in a run length chunk");
            }
            Arrays.fill(symbols, n, n + run, (byte) symbol);
            return n + run;
        }
        if ((chunk & 0x4000) == 0) {
            for (int i = 0; i < 14 && n < symbols.length; i++) {
                symbols[n++] = (byte) ((chunk >>> (13 - i)) & 0x1);
            }
            return n;
        }
        for (int i = 0; i < 7 && n < symbols.length; i++) {
            int symbol = (chunk >>> (12 - 2 * i)) & 0x3;
            if (symbol == 3) {
                throw new RtcpParseException("reserved status symbol in a status vector chunk");
            }
            symbols[n++] = (byte) symbol;
        }
        return n;
    }

    /**
     * Builds feedback for the packets {@code baseSequenceNumber, baseSequenceNumber + 1, ...}, one per element of
     * {@code receiveTimesMicros}; a negative time means "not received". The reference time is the first received
     * packet's time rounded down to 64 ms; deltas are rounded to 250 µs ticks without accumulating rounding error.
     *
     * @throws IllegalArgumentException when no packet was received, more than 65535 are given, or the gap between
     *         two received packets does not fit a signed 16-bit delta (about ±8.2 s)
     */
    public static TransportCcFeedback fromReceiveTimes(int senderSsrc, int mediaSsrc, int baseSequenceNumber,
            int feedbackPacketCount, long[] receiveTimesMicros) {
        int count = receiveTimesMicros.length;
        if (count > 0xFFFF) {
            throw new IllegalArgumentException(count + " packets do not fit one feedback message");
        }
        long first = -1;
        for (long t : receiveTimesMicros) {
            if (t >= 0) {
                first = t;
                break;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException("feedback needs at least one received packet");
        }
        long reference = Math.floorDiv(first, REFERENCE_TIME_TICK_MICROS);
        long lastTick = reference * (REFERENCE_TIME_TICK_MICROS / DELTA_TICK_MICROS);
        byte[] symbols = new byte[count];
        int[] deltas = new int[count];
        for (int i = 0; i < count; i++) {
            if (receiveTimesMicros[i] < 0) {
                continue;
            }
            long tick = Math.floorDiv(receiveTimesMicros[i] + DELTA_TICK_MICROS / 2, DELTA_TICK_MICROS);
            long delta = tick - lastTick;
            if (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE) {
                throw new IllegalArgumentException("receive delta of " + delta + " ticks at packet " + i);
            }
            lastTick = tick;
            deltas[i] = (int) delta;
            symbols[i] = (byte) (delta >= 0 && delta <= 255 ? SMALL_DELTA : LARGE_DELTA);
        }
        int referenceTime = ((int) reference << 8) >> 8;
        return new TransportCcFeedback(senderSsrc, mediaSsrc, baseSequenceNumber & 0xFFFF, referenceTime,
                feedbackPacketCount & 0xFF, encodeChunks(symbols), symbols, deltas);
    }

    /**
     * Chooses chunks greedily: a run of 7 or more equal symbols (or one reaching the end) becomes a run length chunk;
     * otherwise the next 14 symbols go into a one-bit vector when none needs a large delta, else the next 7 into a
     * two-bit vector.
     */
    private static int[] encodeChunks(byte[] symbols) {
        int[] chunks = new int[symbols.length];
        int count = 0;
        int n = 0;
        while (n < symbols.length) {
            int run = 1;
            while (n + run < symbols.length && symbols[n + run] == symbols[n] && run < MAX_RUN) {
                run++;
            }
            if (run >= 7 || n + run == symbols.length) {
                chunks[count++] = (symbols[n] << 13) | run;
                n += run;
            } else if (allOneBit(symbols, n, 14)) {
                int chunk = 0x8000;
                for (int i = 0; i < 14 && n < symbols.length; i++) {
                    chunk |= symbols[n++] << (13 - i);
                }
                chunks[count++] = chunk;
            } else {
                int chunk = 0xC000;
                for (int i = 0; i < 7 && n < symbols.length; i++) {
                    chunk |= symbols[n++] << (12 - 2 * i);
                }
                chunks[count++] = chunk;
            }
        }
        return Arrays.copyOf(chunks, count);
    }

    private static boolean allOneBit(byte[] symbols, int from, int max) {
        for (int i = from; i < Math.min(symbols.length, from + max); i++) {
            if (symbols[i] == LARGE_DELTA) {
                return false;
            }
        }
        return true;
    }

    private int unpaddedSize() {
        int size = FIXED_SIZE + chunks.length * 2;
        for (byte symbol : symbols) {
            size += symbol == SMALL_DELTA ? 1 : symbol == LARGE_DELTA ? 2 : 0;
        }
        return size;
    }

    public int size() {
        return (unpaddedSize() + 3) / 4 * 4;
    }

    public int writeTo(byte[] dst, int off) {
        int size = size();
        int padding = size - unpaddedSize();
        RtcpFeedback.writeHeader(dst, off, RtcpPacketType.RTPFB, RtcpFeedback.FMT_TRANSPORT_CC, size, senderSsrc,
                mediaSsrc);
        if (padding > 0) {
            dst[off] |= 0x20;
        }
        RtcpHeader.writeUint16(dst, off + 12, baseSequenceNumber);
        RtcpHeader.writeUint16(dst, off + 14, symbols.length);
        RtcpHeader.writeUint24(dst, off + 16, referenceTime);
        dst[off + 19] = (byte) feedbackPacketCount;
        int at = off + FIXED_SIZE;
        for (int chunk : chunks) {
            RtcpHeader.writeUint16(dst, at, chunk);
            at += 2;
        }
        for (int i = 0; i < symbols.length; i++) {
            if (symbols[i] == SMALL_DELTA) {
                dst[at++] = (byte) deltas[i];
            } else if (symbols[i] == LARGE_DELTA) {
                RtcpHeader.writeUint16(dst, at, deltas[i]);
                at += 2;
            }
        }
        for (int i = 0; i < padding; i++) {
            dst[at++] = 0;
        }
        if (padding > 0) {
            dst[at - 1] = (byte) padding;
        }
        return size;
    }

    public int senderSsrc() {
        return senderSsrc;
    }

    public int mediaSsrc() {
        return mediaSsrc;
    }

    /** Transport-wide sequence number of the first packet reported, 0..65535. */
    public int baseSequenceNumber() {
        return baseSequenceNumber;
    }

    /** Number of packets reported. */
    public int packetStatusCount() {
        return symbols.length;
    }

    /** Reference time in 64 ms ticks, a signed 24-bit number. */
    public int referenceTime() {
        return referenceTime;
    }

    /** The feedback message's own 8-bit counter, for spotting lost feedback. */
    public int feedbackPacketCount() {
        return feedbackPacketCount;
    }

    /**
     * Status of the {@code index}-th packet reported: {@link #NOT_RECEIVED}, {@link #SMALL_DELTA} or
     * {@link #LARGE_DELTA}.
     */
    public int status(int index) {
        return symbols[index];
    }

    public boolean isReceived(int index) {
        return symbols[index] != NOT_RECEIVED;
    }

    /** Receive delta of the {@code index}-th packet in 250 µs ticks; 0 for a packet not received. */
    public int deltaTicks(int index) {
        return deltas[index];
    }

    public int chunkCount() {
        return chunks.length;
    }

    /** The {@code index}-th packet chunk as a 16-bit value. */
    public int chunk(int index) {
        return chunks[index];
    }

    /**
     * Receive time of each reported packet in microseconds on the feedback sender's clock (reference time plus
     * the sum of deltas), or {@link Long#MIN_VALUE} for a packet not received (a received time can be negative when
     * the reference time is).
     */
    public long[] receiveTimesMicros() {
        long[] times = new long[symbols.length];
        long time = (long) referenceTime * REFERENCE_TIME_TICK_MICROS;
        for (int i = 0; i < symbols.length; i++) {
            if (symbols[i] == NOT_RECEIVED) {
                times[i] = Long.MIN_VALUE;
            } else {
                time += (long) deltas[i] * DELTA_TICK_MICROS;
                times[i] = time;
            }
        }
        return times;
    }
}
