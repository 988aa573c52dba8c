package dev.vireo.rtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.codec.h264.H264Payload;
import dev.vireo.codec.vp8.Vp8PayloadDescriptor;
import dev.vireo.rtcp.FullIntraRequest;
import dev.vireo.rtcp.GenericNack;
import dev.vireo.rtcp.PictureLossIndication;
import dev.vireo.rtcp.ReceiverEstimatedMaxBitrate;
import dev.vireo.rtcp.RtcpFeedback;
import dev.vireo.rtcp.RtcpIterator;
import dev.vireo.rtcp.SenderReport;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Proves that what the forwarding path calls per packet allocates nothing: the thread's allocated-byte counter
 * (HotSpot's com.sun.management.ThreadMXBean) must not move over many iterations after warm-up.
 */
class HotPathAllocationTest {
    private static final int ITERATIONS = 200_000;

    private final byte[] rtp = HexFixture.load("/dev/vireo/rtp/chromium-vp8-keyframe.hex");
    private final byte[] rtcp = concat(HexFixture.load("/dev/vireo/rtcp/sr-sdes-compound.hex"),
            HexFixture.load("/dev/vireo/rtcp/rr-remb.hex"), HexFixture.load("/dev/vireo/rtcp/generic-nack.hex"));
    private final byte[] h264 = HexFixture.load("/dev/vireo/codec/h264/stap-a-sps-pps.hex");
    private final byte[] idMap = new byte[256];
    private final byte[] out = new byte[1500];
    private final int[] ssrcs = {1, 2, 3};
    private final int[] lost = {10, 11, 40};
    private final RtcpIterator iterator = new RtcpIterator();
    private final HeaderExtensions.Cursor cursor = new HeaderExtensions.Cursor();
    private final SequenceNumberUnwrapper seqUnwrapper = new SequenceNumberUnwrapper();
    private final TimestampUnwrapper tsUnwrapper = new TimestampUnwrapper();
    private long sink;

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Test
    void perPacketOperationsAllocateNothing() {
        for (int i = 0; i < 256; i++) {
            idMap[i] = (byte) i;
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < ITERATIONS; i++) {
            onePacket(i);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < ITERATIONS; i++) {
            onePacket(i);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // A few hundred bytes of slack for the measuring call itself; one allocation per packet would be megabytes.
        assertTrue(allocated < 4096, allocated + " bytes allocated over " + ITERATIONS + " packets (sink " + sink + ")");
    }

    private void onePacket(int i) {
        int len = rtp.length;
        if (RtpPacket.isValid(rtp, 0, len) && MuxedPacketType.of(rtp, 0, len) == MuxedPacketType.RTP) {
            int header = RtpPacket.headerLength(rtp, 0, len);
            int payload = RtpPacket.payloadLength(rtp, 0, len);
            sink += RtpPacket.sequenceNumber(rtp, 0) + RtpPacket.timestamp(rtp, 0) + RtpPacket.ssrc(rtp, 0);
            sink += HeaderExtensions.find(rtp, 0, len, 3) + HeaderExtensions.findLength(rtp, 0, len, 2);
            HeaderExtensions.remapIds(rtp, 0, len, idMap);
            if (cursor.reset(rtp, 0, len)) {
                while (cursor.next()) {
                    sink += cursor.id();
                }
            }
            RtpPacket.setSequenceNumber(rtp, 0, i);
            RtpPacket.setTimestamp(rtp, 0, i * 3000L);
            RtpPacket.setSsrc(rtp, 0, 0x1a2b3c4d);
            RtpPacket.setPayloadType(rtp, 0, 96);
            sink += seqUnwrapper.unwrap(i & 0xFFFF) + tsUnwrapper.unwrap(i * 3000L);
            if (Vp8PayloadDescriptor.isKeyframe(rtp, header, payload)) {
                sink += Vp8PayloadDescriptor.pictureId(rtp, header, payload)
                        + Vp8PayloadDescriptor.tid(rtp, header, payload)
                        + Vp8PayloadDescriptor.keyframeWidth(rtp, header, payload);
                Vp8PayloadDescriptor.setPictureId(rtp, header, payload, i);
                Vp8PayloadDescriptor.setTl0PicIdx(rtp, header, payload, i);
            }
        }
        sink += H264Payload.isKeyframe(h264, 0, h264.length) ? 1 : 0;

        iterator.reset(rtcp, 0, rtcp.length);
        while (iterator.next()) {
            int off = iterator.offset();
            sink += iterator.packetType() + iterator.countOrFormat();
            if (iterator.packetType() == 200) {
                sink += SenderReport.senderSsrc(rtcp, off) + SenderReport.ntpTimestamp(rtcp, off);
                SenderReport.rewrite(rtcp, off, 0x1a2b3c4d, SenderReport.rtpTimestamp(rtcp, off));
            } else if (ReceiverEstimatedMaxBitrate.isRemb(rtcp, off, iterator.length())) {
                sink += ReceiverEstimatedMaxBitrate.bitrateBps(rtcp, off);
            } else if (iterator.packetType() == 205) {
                sink += GenericNack.mediaSsrc(rtcp, off) + GenericNack.pid(rtcp, off, 0)
                        + RtcpFeedback.senderSsrc(rtcp, off);
            }
        }
        sink += PictureLossIndication.write(out, 0, 1, 2);
        sink += FullIntraRequest.write(out, 12, 1, 2, i);
        sink += ReceiverEstimatedMaxBitrate.write(out, 32, 1, 2_000_000L, ssrcs, 3);
        sink += GenericNack.write(out, 64, 1, 2, lost, 3);
    }
}
