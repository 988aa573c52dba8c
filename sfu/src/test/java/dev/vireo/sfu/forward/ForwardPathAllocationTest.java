package dev.vireo.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.codec.vp8.Vp8PayloadDescriptor;
import dev.vireo.rtp.RtpPacket;
import dev.vireo.sdp.Codec;
import dev.vireo.sdp.MediaKind;
import dev.vireo.srtp.SrtpKeyingMaterial;
import dev.vireo.srtp.SrtpProfile;
import dev.vireo.srtp.SrtpSession;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The forward path — SRTP unprotect, fan-out to ten subscribers with a copy each, per-subscriber rewriting, SRTP
 * protect and a UDP send — must allocate nothing per packet: garbage on the packet path becomes GC pauses, which
 * become jitter for every participant. Measured with the JVM's per-thread allocation counter.
 */
class ForwardPathAllocationTest {
    private static final int SUBSCRIBERS = 10;
    private static final int WARMUP = 10_000;
    private static final int MEASURED = 40_000;

    @Test
    void vireosForwardPathAllocatesNothingPerPacket() throws Exception {
        double perPacket = measure(null);
        assertTrue(perPacket < 0.1, perPacket + " bytes allocated per forwarded packet");
    }

    /**
     * jitsi-srtp allocates inside every transform: a new IvParameterSpec / GCMParameterSpec per packet (the JCE API
     * has no way to re-key an IV in place) and a new byte[] from Mac.doFinal(). That cost is the library's, measured
     * here side by side so a change in it shows; our own code adds nothing (previous test).
     */
    @Test
    void srtpLibraryAllocationStaysWithinItsKnownPerPacketCost() throws Exception {
        double cm = measure(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        double gcm = measure(SrtpProfile.AEAD_AES_128_GCM);
        assertTrue(cm < 200, "AES-CM: " + cm + " bytes per forwarded packet");
        assertTrue(gcm < 120, "AES-GCM: " + gcm + " bytes per forwarded packet");
    }

    /** Bytes allocated per forwarded packet; {@code profile} null runs the path without SRTP. */
    private double measure(SrtpProfile profile) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        BufferPool pool = new BufferPool(1024);
        int salt = profile == null ? 12 : profile.saltLength();
        byte[] clientKey = bytes(16, 1), clientSalt = bytes(salt, 2), serverKey = bytes(16, 3), serverSalt = bytes(salt, 4);
        SrtpSession browser = profile == null ? null
                : new SrtpSession(new SrtpKeyingMaterial(profile, clientKey, clientSalt, serverKey, serverSalt));
        SrtpSession sfuIn = profile == null ? null
                : new SrtpSession(new SrtpKeyingMaterial(profile, serverKey, serverSalt, clientKey, clientSalt));

        try (DatagramChannel receiver = DatagramChannel.open(StandardProtocolFamily.INET)) {
            receiver.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress to = (InetSocketAddress) receiver.getLocalAddress();
            byte[] extensionMap = new byte[256];
            extensionMap[3] = 2; // abs-send-time
            extensionMap[4] = 4; // mid
            InboundStream in = new InboundStream("publisher", "video", MediaKind.VIDEO, Codec.VP8, 0x1234,
                    extensionMap, pool, stream -> { }, new LongAdder());
            List<UdpSrtpSink> sinks = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                SrtpSession srtp = profile == null ? null : new SrtpSession(new SrtpKeyingMaterial(profile,
                        bytes(16, 10 + i), bytes(salt, 20 + i), bytes(16, 30 + i), bytes(salt, 40 + i)));
                UdpSrtpSink sink = new UdpSrtpSink(srtp, pool, to);
                OutboundStream out = new OutboundStream(Integer.toString(i), MediaKind.VIDEO, 0x5000 + i, 90000,
                        i * 100, i * 1000L);
                out.transport(sink);
                out.negotiated(true);
                out.attach(in);
                sinks.add(sink);
            }

            byte[] keyframe = vp8Packet(true);
            byte[] delta = vp8Packet(false);
            assertTrue(Vp8PayloadDescriptor.isKeyframe(keyframe, 24, keyframe.length - 24), "fixture is a keyframe");

            int seq = 0;
            for (int i = 0; i < WARMUP; i++) {
                forward(i == 0 ? keyframe : delta, seq++, browser, sfuIn, in, pool);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++) {
                forward(delta, seq++, browser, sfuIn, in, pool);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            for (UdpSrtpSink sink : sinks) {
                assertEquals(WARMUP + MEASURED, sink.packetsSent, "every packet reached every subscriber");
                sink.close();
            }
            double perForwarded = allocated / (double) (MEASURED * SUBSCRIBERS);
            System.out.printf("forward path, %s: %d bytes allocated over %d forwarded packets (%.4f B/packet)%n",
                    profile, allocated, MEASURED * SUBSCRIBERS, perForwarded);
            return perForwarded;
        }
    }

    private static void forward(byte[] template, int seq, SrtpSession browser, SrtpSession sfuIn, InboundStream in,
                                BufferPool pool) {
        PacketBuffer p = pool.take().copyFrom(template, 0, template.length);
        RtpPacket.setSequenceNumber(p.array(), p.offset(), seq & 0xFFFF);
        RtpPacket.setTimestamp(p.array(), p.offset(), (seq / 4) * 3000L);
        p.receivedAtNanos(seq * 3_300_000L);
        if (browser != null) {
            assertTrue(browser.protectRtp(p), "browser side protect");
            assertTrue(sfuIn.unprotectRtp(p), "SFU side unprotect");
        }
        in.onRtp(p);
    }

    /** A 1100-byte VP8 RTP packet like Chromium's: one-byte extensions (abs-send-time, mid), picture id. */
    static byte[] vp8Packet(boolean keyframe) {
        byte[] b = new byte[1100];
        RtpPacket.writeHeader(b, 0, 96, false, 0, 0, 0x1234);
        b[0] |= 0x10; // X: header extension follows
        int x = 12;
        b[x] = (byte) 0xBE; b[x + 1] = (byte) 0xDE; b[x + 2] = 0; b[x + 3] = 2; // 2 words of extensions
        b[x + 4] = 0x32; b[x + 5] = 0x12; b[x + 6] = 0x34; b[x + 7] = 0x56; // id 3 (abs-send-time), 3 bytes
        b[x + 8] = 0x40; b[x + 9] = '1'; b[x + 10] = 0; b[x + 11] = 0; // id 4 (mid) "1", padding
        int d = 24;
        b[d] = (byte) 0x90; // X=1, S=1, PID=0
        b[d + 1] = (byte) 0x80; // I: picture id present
        b[d + 2] = (byte) 0x81; b[d + 3] = 0x23; // 15-bit picture id
        b[d + 4] = (byte) (keyframe ? 0x10 : 0x11); // VP8 frame tag: P bit (0 = key frame)
        b[d + 5] = 0x02; b[d + 6] = 0x00;
        b[d + 7] = (byte) 0x9D; b[d + 8] = 0x01; b[d + 9] = 0x2A; // key frame start code
        b[d + 10] = 0x00; b[d + 11] = 0x05; b[d + 12] = (byte) 0xD0; b[d + 13] = 0x02; // 1280 x 720
        for (int i = d + 14; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }
}
