package dev.vireo.bench.media;

import dev.vireo.buffer.PacketBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReceiverTest {
    private static PacketBuffer packet(long ssrc, int seq) {
        PacketBuffer p = PacketBuffer.unpooled();
        p.setRange(PacketBuffer.HEADROOM, 100);
        byte[] b = p.array();
        int o = p.offset();
        b[o] = (byte) 0x80;
        b[o + 2] = (byte) (seq >> 8);
        b[o + 3] = (byte) seq;
        b[o + 8] = (byte) (ssrc >> 24);
        b[o + 9] = (byte) (ssrc >> 16);
        b[o + 10] = (byte) (ssrc >> 8);
        b[o + 11] = (byte) ssrc;
        SendTimestamp.write(b, o + 100, System.nanoTime());
        return p;
    }

    @Test
    void countsLossAcrossTheSequenceWrapPerStream() {
        ReceiveMetrics metrics = new ReceiveMetrics();
        Receiver r = new Receiver(metrics);
        for (int seq : new int[] {65533, 65534, 0, 1, 3}) {   // 65535 and 2 are lost
            r.onRtp(packet(7, seq));
        }
        r.onRtp(packet(8, 100));
        r.onRtp(packet(8, 101));
        long[] t = new long[3];
        r.addTotals(t);
        assertArrayEquals(new long[] {7 + 2, 5 + 2, 700}, t);
        assertEquals(7, metrics.packets());
        assertEquals(7, metrics.swapDelays().count());
    }

    @Test
    void lateReorderedPacketDoesNotMoveTheHighest() {
        Receiver r = new Receiver(new ReceiveMetrics());
        r.onRtp(packet(7, 10));
        r.onRtp(packet(7, 12));
        r.onRtp(packet(7, 11));
        long[] t = new long[3];
        r.addTotals(t);
        assertEquals(3, t[0]);
        assertEquals(3, t[1]);
    }

    @Test
    void histogramQuantiles() {
        DelayHistogram h = new DelayHistogram();
        for (int i = 1; i <= 100; i++) {
            h.record(i * 100_000L);   // 0.1 .. 10 ms
        }
        assertEquals(5.01, h.quantileMillis(0.5), 1e-9);
        assertEquals(9.91, h.quantileMillis(0.99), 1e-9);
    }
}
