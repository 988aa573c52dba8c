package dev.vireo.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.bwe.BandwidthEstimator;
import dev.vireo.bwe.ProbeController;
import dev.vireo.rtp.RtpPacket;
import dev.vireo.sdp.Codec;
import dev.vireo.sdp.MediaKind;
import dev.vireo.sfu.forward.InboundStream;
import dev.vireo.sfu.forward.OutboundStream;
import dev.vireo.sfu.forward.PacketSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A probe cluster goes out paced over about 48 ms on a real timer, every packet carrying the cluster id. The schedule
 * itself, on time and under stalls, is {@link ProbePacingTest}'s.
 */
class ProbeSenderTest {
    private static final int RTX_SSRC = 0x6000;

    /** Records when each probe went out and under which cluster. */
    private static final class Sink implements PacketSink {
        final BufferPool pool;
        final List<long[]> probes = new ArrayList<>(); // {nanos, cluster, ssrc}

        Sink(BufferPool pool) {
            this.pool = pool;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void sendRtp(PacketBuffer packet) {
            packet.release();
        }

        @Override
        public synchronized void sendProbe(PacketBuffer packet, int cluster) {
            probes.add(new long[] {System.nanoTime(), cluster, RtpPacket.ssrc(packet.array(), packet.offset())});
            packet.release();
        }

        @Override
        public void sendRtcp(PacketBuffer packet) {
            packet.release();
        }

        @Override
        public PacketBuffer takeBuffer() {
            return pool.take();
        }

        synchronized List<long[]> probes() {
            return List.copyOf(probes);
        }
    }

    @Test
    void aClusterIsPacedAtItsTargetRate() throws Exception {
        BufferPool pool = new BufferPool(64);
        Sink sink = new Sink(pool);
        InboundStream in = new InboundStream("publisher", "video", MediaKind.VIDEO, Codec.VP8, 0x1234,
                new byte[256], pool, stream -> { }, new LongAdder());
        OutboundStream out = new OutboundStream("1", MediaKind.VIDEO, 0x5000, RTX_SSRC, 90000, 100, 1000L);
        out.transport(sink);
        out.negotiated(true);
        out.rtxNegotiated(true);
        out.attach(in);
        byte[] keyframe = new byte[200];
        RtpPacket.writeHeader(keyframe, 0, 96, true, 1, 3000, 0x1234);
        keyframe[12] = 0x10; // VP8 descriptor: S bit, partition 0
        keyframe[13] = 0x00; // frame tag: P = 0, a key frame
        keyframe[14] = 0x00;
        keyframe[15] = 0x00;
        keyframe[16] = (byte) 0x9D;
        keyframe[17] = 0x01;
        keyframe[18] = 0x2A;
        in.onRtp(pool.take().copyFrom(keyframe, 0, keyframe.length));
        assertTrue(out.canCarryProbes(), "media went out");

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            BandwidthEstimator estimator = new BandwidthEstimator(new BandwidthEstimator.Settings(1_000_000, 50_000,
                    20_000_000));
            ProbeSender sender = new ProbeSender(estimator, timer);
            long target = sender.maybeProbe(out, 0, System.nanoTime());
            assertEquals(3_000_000, target, "the first start-up probe");
            assertEquals(0, sender.maybeProbe(out, 0, System.nanoTime()), "one cluster at a time");
            int expected = ProbeController.clusterPackets(target, 1_000_000, ProbeSender.PROBE_PACKET_BYTES);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (sink.probes().size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(20);
            List<long[]> probes = sink.probes();
            assertEquals(expected, probes.size(), "the whole cluster, nothing more");
            for (long[] p : probes) {
                assertEquals(probes.get(0)[1], p[1], "one cluster id");
                assertEquals(RTX_SSRC, (int) p[2]);
            }
            double spanMs = (probes.get(probes.size() - 1)[0] - probes.get(0)[0]) / 1e6;
            double bitsPerSecond = (probes.size() - 1) * ProbeSender.PROBE_PACKET_BYTES * 8 / (spanMs / 1000);
            System.out.printf("probe cluster: %d packets over %.1f ms, %.0f bit/s for a %d bit/s target%n",
                    probes.size(), spanMs, bitsPerSecond, target);
            // A busy machine may stall the timer, which stretches the cluster (ProbePacing); it never compresses it.
            assertTrue(spanMs >= 35, "spread over about 48 ms: " + spanMs + " ms");
            assertTrue(bitsPerSecond <= 1.3 * target, "never faster than the target: " + bitsPerSecond);
        } finally {
            timer.shutdownNow();
        }
    }
}
