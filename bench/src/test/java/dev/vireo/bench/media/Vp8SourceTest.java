package dev.vireo.bench.media;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.codec.vp8.Vp8PayloadDescriptor;
import dev.vireo.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic VP8 is read by the SFU's own VP8 parser: key frames must be recognisable as the forwarder sees them. */
class Vp8SourceTest {
    private final List<PacketBuffer> sent = new ArrayList<>();
    private final BufferPool pool = new BufferPool(64);

    @Test
    void firstFrameIsAKeyframeOfFourTimesTheFramesPackets() {
        Vp8Source s = new Vp8Source(sent::add, pool, 42, 96, VideoLayer.P720, 4_000_000_000L);
        s.start(0);
        s.emit(0);
        assertEquals(40, sent.size());
        PacketBuffer first = sent.get(0);
        int payload = RtpPacket.FIXED_HEADER_LENGTH;
        byte[] b = first.array();
        int off = first.offset() + payload;
        int len = first.length() - payload;
        assertTrue(Vp8PayloadDescriptor.isKeyframe(b, off, len));
        assertEquals(1280, Vp8PayloadDescriptor.keyframeWidth(b, off, len));
        assertEquals(720, Vp8PayloadDescriptor.keyframeHeight(b, off, len));
        assertTrue(Vp8PayloadDescriptor.hasLongPictureId(b, off, len));
        assertFalse(Vp8PayloadDescriptor.isStartOfPartition(sent.get(1).array(), sent.get(1).offset() + payload, len));
        assertTrue(RtpPacket.marker(sent.get(39).array(), sent.get(39).offset()));
        assertFalse(RtpPacket.marker(b, first.offset()));
        assertEquals(1100, first.length());
        int seq0 = RtpPacket.sequenceNumber(b, first.offset());
        assertEquals((seq0 + 39) & 0xFFFF, RtpPacket.sequenceNumber(sent.get(39).array(), sent.get(39).offset()));
    }

    @Test
    void laterFramesAreDeltaFramesUntilRequestedAndCarryASendStamp() {
        Vp8Source s = new Vp8Source(sent::add, pool, 42, 96, VideoLayer.P360, 4_000_000_000L);
        s.start(0);
        s.emit(0);
        sent.clear();
        long before = System.nanoTime();
        s.emit(400_000_000L);
        PacketBuffer p = sent.get(0);
        int off = p.offset() + RtpPacket.FIXED_HEADER_LENGTH;
        assertFalse(Vp8PayloadDescriptor.isKeyframe(p.array(), off, p.length() - RtpPacket.FIXED_HEADER_LENGTH));
        long stamp = SendTimestamp.read(p.array(), p.offset() + p.length());
        assertTrue(stamp >= before && stamp <= System.nanoTime());
        sent.clear();
        s.requestKeyframe();
        s.emit(800_000_000L);
        p = sent.get(0);
        assertTrue(Vp8PayloadDescriptor.isKeyframe(p.array(), p.offset() + 12, p.length() - 12));
    }

    @Test
    void packetsPerSecondMatchTheLayer() {
        for (VideoLayer l : VideoLayer.values()) {
            int total = 0;
            for (int f = 0; f < VideoLayer.FPS; f++) {
                total += l.packetsInFrame(f);
            }
            assertEquals(l.packetsPerSecond(), total, l.label());
        }
    }
}
