package dev.vireo.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.buffer.BufferPool;
import dev.vireo.rtp.RtpPacket;
import dev.vireo.sdp.Codec;
import dev.vireo.sdp.MediaKind;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** A layer's measured rate, and the peak of the last seconds that allocation spends by. */
class LayeredTrackTest {
    private static final long MS = 1_000_000L;

    @Test
    void thePeakHoldsFiveSecondsOfSamplesWhileTheRateDips() {
        BufferPool pool = new BufferPool(16);
        InboundStream layer = new InboundStream("p", "video", MediaKind.VIDEO, Codec.VP8, 0x1234, new byte[256],
                pool, stream -> { }, new LongAdder());
        LayeredTrack track = new LayeredTrack(List.of("q"), List.of(layer));
        byte[] packet = ForwardPathAllocationTest.vp8Packet(false);
        int header = RtpPacket.headerLength(packet, 0, packet.length);
        long bitsPerPacket = (packet.length - header) * 8L;
        int seq = 0;
        long now = 1_000 * MS;
        track.sampleRates(now);
        // 2 s at 40 packets per 250 ms, then 5 packets per 250 ms.
        for (int step = 1; step <= 48; step++) {
            int packets = step <= 8 ? 40 : 5;
            for (int i = 0; i < packets; i++) {
                var p = pool.take().copyFrom(packet, 0, packet.length);
                RtpPacket.setSequenceNumber(p.array(), p.offset(), seq++);
                layer.onRtp(p);
            }
            now += 250 * MS;
            track.sampleRates(now);
            long high = 40 * bitsPerPacket * 4;
            long low = 5 * bitsPerPacket * 4;
            if (step == 8) {
                assertEquals(high, track.bitrate(0));
                assertEquals(high, track.peakBitrate(0));
            } else if (step == 12) {
                assertTrue(track.bitrate(0) < high / 4, "the rate follows the dip: " + track.bitrate(0));
                assertEquals(high, track.peakBitrate(0), "the peak holds");
            } else if (step == 27) {
                assertEquals(high, track.peakBitrate(0), "still within 20 samples of the last high one");
            } else if (step == 48) {
                assertEquals(low, track.bitrate(0));
                assertEquals(low, track.peakBitrate(0), "five seconds later the peak is the new rate");
            }
        }
    }
}
