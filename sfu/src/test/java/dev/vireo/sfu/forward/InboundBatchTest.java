package dev.vireo.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.rtp.RtpPacket;
import dev.vireo.sdp.Codec;
import dev.vireo.sdp.MediaKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** Queued packets reach nobody until the flush, then every subscriber gets the whole run, in order, one after another. */
class InboundBatchTest {
    private static final int SUBSCRIBERS = 3;

    /** Records which subscriber got which source sequence number, in the order of the sends. */
    private static final class RecordingSink implements PacketSink {
        final int index;
        final List<int[]> log;

        RecordingSink(int index, List<int[]> log) {
            this.index = index;
            this.log = log;
        }

        @Override public boolean isReady() { return true; }

        @Override
        public void sendRtp(PacketBuffer packet) {
            // the payload's first byte carries the source sequence number's low byte (see packet())
            int header = RtpPacket.headerLength(packet.array(), packet.offset(), packet.length());
            log.add(new int[] {index, packet.array()[packet.offset() + header] & 0xFF});
            packet.release();
        }

        @Override public void sendRtcp(PacketBuffer packet) { packet.release(); }
        @Override public PacketBuffer takeBuffer() { return PacketBuffer.unpooled(); }
    }

    @Test
    void queuedPacketsGoOutSubscriberBySubscriberInOrder() {
        BufferPool pool = new BufferPool(64);
        LongAdder forwarded = new LongAdder();
        InboundStream in = new InboundStream("p", "audio", MediaKind.AUDIO, Codec.OPUS, 0x1234, new byte[256], pool,
                stream -> { }, forwarded);
        List<int[]> log = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            OutboundStream out = new OutboundStream(Integer.toString(i), MediaKind.AUDIO, 0x5000 + i, 48000, 0, 0);
            out.transport(new RecordingSink(i, log));
            out.negotiated(true);
            out.attach(in);
        }
        for (int seq = 1; seq <= 4; seq++) {
            in.queue(packet(pool, seq));
        }
        assertTrue(log.isEmpty(), "nothing goes out before the flush");
        in.flush();
        List<String> got = new ArrayList<>();
        for (int[] e : log) {
            got.add(e[0] + ":" + e[1]);
        }
        assertEquals(List.of("0:1", "0:2", "0:3", "0:4", "1:1", "1:2", "1:3", "1:4", "2:1", "2:2", "2:3", "2:4"), got);
        assertEquals(12, forwarded.sum());

        log.clear();
        in.flush();
        assertTrue(log.isEmpty(), "a second flush sends nothing again");
        in.onRtp(packet(pool, 5));
        assertEquals(SUBSCRIBERS, log.size(), "onRtp forwards at once");
    }

    @Test
    void aFullQueueFansOutByItself() {
        BufferPool pool = new BufferPool(64);
        InboundStream in = new InboundStream("p", "audio", MediaKind.AUDIO, Codec.OPUS, 0x1234, new byte[256], pool,
                stream -> { }, new LongAdder());
        List<int[]> log = new ArrayList<>();
        OutboundStream out = new OutboundStream("0", MediaKind.AUDIO, 0x5000, 48000, 0, 0);
        out.transport(new RecordingSink(0, log));
        out.negotiated(true);
        out.attach(in);
        for (int seq = 1; seq < InboundStream.MAX_PENDING; seq++) {
            in.queue(packet(pool, seq));
        }
        assertTrue(log.isEmpty());
        in.queue(packet(pool, InboundStream.MAX_PENDING));
        assertEquals(InboundStream.MAX_PENDING, log.size(), "the queue holds no more than MAX_PENDING");
    }

    /** A 100-byte Opus RTP packet whose payload starts with the sequence number's low byte. */
    private static PacketBuffer packet(BufferPool pool, int seq) {
        byte[] b = new byte[112];
        RtpPacket.writeHeader(b, 0, 111, false, seq, seq * 960L, 0x1234);
        b[12] = (byte) seq;
        return pool.take().copyFrom(b, 0, b.length);
    }
}
