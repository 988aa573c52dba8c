package dev.vireo.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.rtp.RtpPacket;
import dev.vireo.sdp.Codec;
import dev.vireo.sdp.MediaKind;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Bandwidth probe packets ({@link OutboundStream#sendProbePadding}): padding-only RTP on the RTX SSRC, each with a
 * fresh RTX sequence number, handed to the transport with its cluster id; none before media flows or without RTX;
 * and, like the forward path, no allocation per packet.
 */
class ProbePaddingTest {
    private static final int SSRC = 0x5000;
    private static final int RTX_SSRC = 0x6000;

    /** Remembers the last packet's fields and releases it; allocates nothing. */
    private static final class Sink implements PacketSink {
        final BufferPool pool;
        int rtp;
        int probes;
        int cluster = -2;
        int ssrc;
        int payloadType;
        int seq;
        long timestamp;
        boolean padding;
        int payloadLength;
        int paddingLength;
        int length;

        Sink(BufferPool pool) {
            this.pool = pool;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void sendRtp(PacketBuffer packet) {
            rtp++;
            note(packet);
        }

        @Override
        public void sendProbe(PacketBuffer packet, int cluster) {
            probes++;
            this.cluster = cluster;
            note(packet);
        }

        private void note(PacketBuffer p) {
            byte[] b = p.array();
            int off = p.offset();
            ssrc = RtpPacket.ssrc(b, off);
            payloadType = RtpPacket.payloadType(b, off);
            seq = RtpPacket.sequenceNumber(b, off);
            timestamp = RtpPacket.timestamp(b, off);
            padding = RtpPacket.hasPadding(b, off);
            payloadLength = RtpPacket.payloadLength(b, off, p.length());
            paddingLength = RtpPacket.paddingLength(b, off, p.length());
            length = p.length();
            p.release();
        }

        @Override
        public void sendRtcp(PacketBuffer packet) {
            packet.release();
        }

        @Override
        public PacketBuffer takeBuffer() {
            return pool.take();
        }
    }

    @Test
    void probesArePaddingOnlyOnTheRtxSsrcOnceMediaFlows() {
        BufferPool pool = new BufferPool(64);
        Sink sink = new Sink(pool);
        InboundStream in = new InboundStream("publisher", "video", MediaKind.VIDEO, Codec.VP8, 0x1234,
                new byte[256], pool, stream -> { }, new LongAdder());
        OutboundStream out = new OutboundStream("1", MediaKind.VIDEO, SSRC, RTX_SSRC, 90000, 100, 1000L);
        out.transport(sink);
        out.negotiated(true);
        out.rtxNegotiated(true);
        out.attach(in);
        assertFalse(out.canCarryProbes(), "nothing sent yet");
        assertFalse(out.sendProbePadding(3), "no probe before media: no timestamp to give it, nothing to decode");
        assertEquals(0, sink.probes);

        byte[] keyframe = ForwardPathAllocationTest.vp8Packet(true);
        in.onRtp(pool.take().copyFrom(keyframe, 0, keyframe.length));
        assertEquals(1, sink.rtp, "the key frame went out");
        long mediaTimestamp = sink.timestamp;
        assertTrue(out.canCarryProbes());

        assertTrue(out.sendProbePadding(7));
        assertEquals(1, sink.probes);
        assertEquals(7, sink.cluster, "the transport gets the cluster id to stamp");
        assertEquals(RTX_SSRC, sink.ssrc);
        assertEquals(Codec.VP8.rtxPayloadType(), sink.payloadType);
        assertTrue(sink.padding, "P bit");
        assertEquals(0, sink.payloadLength, "no OSN, no payload: the RTX receiver drops it");
        assertEquals(OutboundStream.PROBE_PADDING, sink.paddingLength);
        assertEquals(12 + OutboundStream.PROBE_PADDING, sink.length);
        assertEquals(mediaTimestamp, sink.timestamp, "the last media timestamp");
        int first = sink.seq;
        assertTrue(out.sendProbePadding(7));
        assertEquals((first + 1) & 0xFFFF, sink.seq, "every probe a fresh RTX sequence number (a fresh SRTP index)");
        assertEquals(2, sink.probes);

        out.rtxNegotiated(false);
        assertFalse(out.canCarryProbes());
        assertFalse(out.sendProbePadding(8), "no RTX negotiated: no probes (they would need a media sequence number)");
        assertEquals(2, sink.probes);
    }

    @Test
    void sendingProbesAllocatesNothingPerPacket() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        BufferPool pool = new BufferPool(64);
        Sink sink = new Sink(pool);
        InboundStream in = new InboundStream("publisher", "video", MediaKind.VIDEO, Codec.VP8, 0x1234,
                new byte[256], pool, stream -> { }, new LongAdder());
        OutboundStream out = new OutboundStream("1", MediaKind.VIDEO, SSRC, RTX_SSRC, 90000, 100, 1000L);
        out.transport(sink);
        out.negotiated(true);
        out.rtxNegotiated(true);
        out.attach(in);
        byte[] keyframe = ForwardPathAllocationTest.vp8Packet(true);
        in.onRtp(pool.take().copyFrom(keyframe, 0, keyframe.length));
        for (int i = 0; i < 10_000; i++) {
            out.sendProbePadding(i & 0xFF);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            out.sendProbePadding(i & 0xFF);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(60_000, sink.probes);
        assertTrue(allocated / (double) n < 0.1, allocated + " bytes allocated over " + n + " probe packets");
    }
}
