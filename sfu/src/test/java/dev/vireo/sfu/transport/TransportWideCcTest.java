package dev.vireo.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.buffer.PacketBuffer;
import dev.vireo.bwe.BandwidthEstimator;
import org.junit.jupiter.api.Test;

/** A receiver that never reports on its downlink is not held to the start estimate. */
class TransportWideCcTest {
    private static final long SECOND = 1_000_000_000L;

    private static PacketBuffer rtp() {
        PacketBuffer p = PacketBuffer.unpooled();
        byte[] packet = new byte[100];
        packet[0] = (byte) 0x80;
        packet[1] = 96;
        return p.copyFrom(packet, 0, packet.length);
    }

    @Test
    void aReceiverSilentForThreeSecondsHasAnUnknownEstimateUntilItSpeaks() {
        TransportWideCc cc = new TransportWideCc("t", new BandwidthEstimator(MediaTransport.PROBED_ESTIMATE));
        long t0 = 5 * SECOND;
        assertEquals(1_000_000, cc.estimateAt(t0), "nothing sent yet: the start estimate");
        cc.stamp(rtp(), t0, -1);
        assertEquals(1_000_000, cc.estimateAt(t0 + 2 * SECOND), "feedback may still come");
        assertEquals(0, cc.estimateAt(t0 + 3 * SECOND + 1), "3 s of packets without a word: unknown");
        cc.onRemb(700_000, t0 + 4 * SECOND);
        assertEquals(700_000, cc.estimateAt(t0 + 4 * SECOND), "a REMB is a word: the estimate counts again");
    }
}
