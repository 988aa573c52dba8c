package dev.vireo.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.rtp.RtpPacket;
import dev.vireo.sdp.Codec;
import dev.vireo.sdp.MediaKind;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The audio level (RFC 6464) an InboundStream reads from every audio packet, under the publisher's extension id. */
class InboundAudioLevelTest {
    /** Chromium's audio-level id in many offers is 1; this publisher uses 5, which the SFU maps to its canonical 1. */
    private static final int PUBLISHER_ID = 5;

    private static InboundStream audioStream(BufferPool pool) {
        byte[] map = new byte[256];
        map[PUBLISHER_ID] = 1; // ssrc-audio-level
        return new InboundStream("p", "audio", MediaKind.AUDIO, Codec.OPUS, 0x4321, map, pool, s -> { },
                new LongAdder());
    }

    /** A 100-byte Opus packet with one one-byte extension element: audio level, V bit set, level {@code level}. */
    static byte[] opusPacket(int seq, int level) {
        byte[] b = new byte[100];
        RtpPacket.writeHeader(b, 0, 111, false, seq, seq * 960L, 0x4321);
        b[0] |= 0x10;
        b[12] = (byte) 0xBE; b[13] = (byte) 0xDE; b[14] = 0; b[15] = 1;
        b[16] = (byte) (PUBLISHER_ID << 4); // L = 0: one byte of data
        b[17] = (byte) (0x80 | level);
        return b;
    }

    private static void receive(InboundStream in, BufferPool pool, byte[] packet) {
        in.onRtp(pool.take().copyFrom(packet, 0, packet.length));
    }

    @Test
    void countsPacketsAndSumsLoudness() {
        BufferPool pool = new BufferPool(16);
        InboundStream in = audioStream(pool);
        long start = in.audioLevels();
        receive(in, pool, opusPacket(1, 20));
        receive(in, pool, opusPacket(2, 127));
        receive(in, pool, opusPacket(3, 0));
        long delta = in.audioLevels() - start;
        assertEquals(3, delta >>> 32);
        assertEquals((127 - 20) + 0 + 127, delta & 0xFFFFFFFFL);
    }

    @Test
    void packetsWithoutTheExtensionAreNotCounted() {
        BufferPool pool = new BufferPool(16);
        InboundStream in = audioStream(pool);
        byte[] plain = new byte[60];
        RtpPacket.writeHeader(plain, 0, 111, false, 1, 960, 0x4321);
        receive(in, pool, plain);
        byte[] other = opusPacket(2, 10);
        other[16] = (byte) (7 << 4); // an id the SFU does not forward
        receive(in, pool, other);
        assertEquals(0, in.audioLevels());
    }

    @Test
    void readingLevelsAllocatesNothingPerPacket() {
        BufferPool pool = new BufferPool(64);
        InboundStream in = audioStream(pool);
        byte[] packet = opusPacket(1, 30);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            receive(in, pool, packet);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200_000; i++) {
            PacketBuffer p = pool.take().copyFrom(packet, 0, packet.length);
            RtpPacket.setSequenceNumber(p.array(), p.offset(), i & 0xFFFF);
            in.onRtp(p);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated / 200_000.0 < 0.1, allocated + " bytes allocated over 200000 audio packets");
        assertEquals(220_000, in.audioLevels() >>> 32);
    }
}
