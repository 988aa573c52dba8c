package dev.vireo.sfu.recovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packet cache, NACK generation and the sent-packet map, with an injected clock. */
class RecoveryTest {
    private static final long MS = 1_000_000L;

    private static PacketBuffer packet(BufferPool pool, int seq, int marker) {
        byte[] b = new byte[40];
        RtpPacket.writeHeader(b, 0, 96, false, seq, seq * 3000L, 0x1234);
        b[20] = (byte) marker;
        return pool.take().copyFrom(b, 0, b.length);
    }

    @Test
    void cacheKeepsPacketsForItsAgeAndRecognisesDuplicates() {
        BufferPool pool = new BufferPool(64);
        PacketCache cache = new PacketCache(pool, 8, 1000 * MS);
        for (int seq = 65530; seq < 65540; seq++) {
            cache.store(packet(pool, seq & 0xFFFF, seq & 0xFF), seq, seq * MS);
        }
        PacketBuffer out = PacketBuffer.unpooled();
        assertTrue(cache.copy(65535, 65540 * MS, out));
        assertEquals(65535, RtpPacket.sequenceNumber(out.array(), out.offset()));
        assertEquals(65535 & 0xFF, out.array()[out.offset() + 20] & 0xFF);
        assertTrue(cache.copy(3, 65540 * MS, out), "across the 16-bit wrap");
        assertFalse(cache.copy(65530, 65540 * MS, out), "pushed out of the 8-slot ring");
        assertFalse(cache.copy(3, 67000 * MS, out), "older than the maximum age");
        assertTrue(cache.contains(65539, 65540 * MS));
        assertFalse(cache.contains(65540, 65540 * MS));
    }

    @Test
    void nackGeneratorAsksAtOnceThenBacksOffUntilTheRetriesRunOut() {
        NackGenerator nacks = new NackGenerator(new NackGenerator.Settings(256, 3, 30 * MS, 2.0, 1000 * MS));
        int[] out = new int[16];
        nacks.onReceived(100, 0);
        nacks.onReceived(103, 1 * MS); // 101 and 102 missing
        assertArrayEquals(new int[] {101, 102}, Arrays.copyOf(out, nacks.collect(1 * MS, out)));
        assertEquals(0, nacks.collect(20 * MS, out), "not before the first retry interval");
        nacks.onReceived(101, 25 * MS);
        assertEquals(1, nacks.recovered());
        // (time ms, NACKed): 102 again at 31 ms, then 60 ms later, then given up after 3 tries.
        long[][] table = {{31, 1}, {60, 0}, {91, 1}, {150, 0}, {500, 0}};
        for (long[] row : table) {
            int n = nacks.collect(row[0] * MS, out);
            assertEquals(row[1], n, "at " + row[0] + " ms");
            if (n > 0) {
                assertEquals(102, out[0]);
            }
        }
        assertEquals(0, nacks.pending());
        assertEquals(1, nacks.givenUp());
    }

    @Test
    void nackGeneratorKeepsOnlyTheNewestOfAHugeGapAndWraps() {
        NackGenerator nacks = new NackGenerator(new NackGenerator.Settings(4, 10, 30 * MS, 1.5, 1000 * MS));
        int[] out = new int[16];
        nacks.onReceived(65534, 0);
        nacks.onReceived(65534 + 100, 0);
        int n = nacks.collect(0, out);
        assertArrayEquals(new int[] {(65534 + 96) & 0xFFFF, (65534 + 97) & 0xFFFF, (65534 + 98) & 0xFFFF,
                (65534 + 99) & 0xFFFF}, Arrays.copyOf(out, n));
    }

    @Test
    void upstreamRecoveryDropsDuplicatesAndNacksGaps() {
        BufferPool pool = new BufferPool(64);
        List<Integer> nacked = new ArrayList<>();
        UpstreamRecovery recovery = new UpstreamRecovery(pool, NackGenerator.defaults(), (seqs, count) -> {
            for (int i = 0; i < count; i++) {
                nacked.add(seqs[i]);
            }
        });
        assertTrue(recovery.onPacket(packet(pool, 10, 0), 0));
        assertTrue(recovery.onPacket(packet(pool, 12, 0), MS));
        assertEquals(List.of(11), nacked);
        assertTrue(recovery.onPacket(packet(pool, 11, 0), 5 * MS), "the repaired packet is forwarded once");
        assertFalse(recovery.onPacket(packet(pool, 11, 0), 6 * MS), "and its duplicate is not");
        assertEquals(1, recovery.duplicates());
        assertEquals(1, recovery.recovered());
        PacketBuffer out = PacketBuffer.unpooled();
        assertTrue(recovery.copyCached(11, 7 * MS, out));
    }

    @Test
    void sentMapMapsASubscribersNumbersBackAndLimitsResends() {
        SentPacketMap<String> map = new SentPacketMap<>(16);
        // (outgoing seq, outgoing ts, source, source seq): a switch of source at 65535 -> 0.
        map.record(65534, 9000, "a", 500);
        map.record(65535, 9000, "a", 501);
        map.record(0, 12000, "b", 7);
        int e = map.claimRetransmission(0, 0, 10 * MS);
        assertEquals("b", map.source(e));
        assertEquals(7, map.sourceSeq(e));
        assertEquals(12000, map.outTimestamp(e));
        assertEquals(-1, map.claimRetransmission(0, 5 * MS, 10 * MS), "resent moments ago");
        assertTrue(map.claimRetransmission(0, 11 * MS, 10 * MS) >= 0);
        assertEquals(501, map.sourceSeq(map.claimRetransmission(65535, 0, 10 * MS)));
        assertEquals(-1, map.claimRetransmission(1, 0, 10 * MS), "never sent");
        map.forget("a");
        assertEquals(-1, map.claimRetransmission(65534, 50 * MS, 10 * MS));
    }
}
