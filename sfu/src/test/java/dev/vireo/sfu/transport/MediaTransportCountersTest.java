package dev.vireo.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.dtls.DtlsCertificate;
import dev.vireo.ice.IceEndpoint;
import dev.vireo.peer.PeerReactor;
import dev.vireo.peer.PeerTransport;
import dev.vireo.sdp.LocalTransport;
import dev.vireo.srtp.SrtpProfile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The counters the health endpoint reports, counted by a real transport (ICE on a loopback port, DTLS, SRTP) that a
 * {@link PeerTransport} sends to: packets that fail SRTP are {@code rejected}, packets the transport's lane has no
 * room for are {@code overloadDrops}.
 */
class MediaTransportCountersTest {
    private static final int SSRC = 0x11223344;

    private final BufferPool pool = new BufferPool(1024);
    private final ExecutorService handshakes = Executors.newCachedThreadPool();
    private final MediaTransport.Counters counters = new MediaTransport.Counters();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger rtpHandled = new AtomicInteger();
    private volatile boolean blockOnRtp;
    private IceEndpoint endpoint;
    private MediaWorkers workers;
    private PeerReactor reactor;
    private MediaTransport transport;

    @AfterEach
    void close() throws Exception {
        release.countDown();
        if (transport != null) {
            transport.close();
        }
        if (reactor != null) {
            reactor.close();
        }
        if (workers != null) {
            workers.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        handshakes.shutdownNow();
    }

    /** Opens a transport on lanes of {@code capacity} packets and connects a peer to it with AES-CM. */
    private PeerTransport connect(int capacity) throws Exception {
        endpoint = new IceEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
                List.of("127.0.0.0/8"), Duration.ofSeconds(30));
        workers = new MediaWorkers("counters", 1, capacity, 1_000_000_000L);
        transport = new MediaTransport("t", endpoint, DtlsCertificate.generate(), pool, handshakes, workers,
                counters, MediaTransport.UNPROBED_ESTIMATE, new MediaTransport.Handler() {
                    @Override
                    public void onConnected(MediaTransport t) {
                        connected.countDown();
                    }

                    @Override
                    public void onRtp(MediaTransport t, PacketBuffer packet) {
                        rtpHandled.incrementAndGet();
                        packet.release();
                        if (blockOnRtp) {
                            try {
                                release.await(); // a worker that cannot keep up
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }

                    @Override
                    public void onRtcp(MediaTransport t, PacketBuffer packet) {
                        packet.release();
                    }

                    @Override
                    public void onFailed(MediaTransport t, String reason) {
                    }
                });
        reactor = new PeerReactor("counters");
        DtlsCertificate clientCertificate = DtlsCertificate.generate();
        PeerTransport peer = reactor.newTransport(clientCertificate, new PeerTransport.Listener() { }, null);
        LocalTransport local = transport.localParameters();
        transport.connect(peer.localUfrag(), peer.localPassword(), clientCertificate.fingerprintSdpValue(),
                List.of(peer.localCandidate()));
        // AES-CM: it lets the peer send one sequence number twice, which the SFU must refuse as a replay
        peer.connect(local.iceUfrag(), local.icePwd(), local.candidates(), local.fingerprint(), true, true,
                List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80));
        assertTrue(connected.await(15, TimeUnit.SECONDS), "transport did not connect");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (peer.state() != PeerTransport.State.CONNECTED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(PeerTransport.State.CONNECTED, peer.state());
        return peer;
    }

    @Test
    void aReplayedPacketIsCountedAsRejected() throws Exception {
        PeerTransport peer = connect(64);
        byte[] rtp = rtp(7);
        assertTrue(peer.sendRtp(pool.take().copyFrom(rtp, 0, rtp.length)));
        awaitCount(() -> rtpHandled.get() == 1, "the first copy is handled");
        assertTrue(peer.sendRtp(pool.take().copyFrom(rtp, 0, rtp.length)));
        awaitCount(() -> counters.rejected().sum() == 1, "the replay is rejected");
        assertEquals(1, rtpHandled.get(), "the replay never reaches the handler");
        assertEquals(0, counters.overloadDrops().sum());
    }

    @Test
    void packetsALaneHasNoRoomForAreCountedAsOverloadDrops() throws Exception {
        PeerTransport peer = connect(2);
        blockOnRtp = true;
        int sent = 12;
        for (int seq = 1; seq <= sent; seq++) {
            byte[] rtp = rtp(seq);
            assertTrue(peer.sendRtp(pool.take().copyFrom(rtp, 0, rtp.length)));
        }
        // one packet sits in the blocked handler and two in the lane; the rest found the lane full
        awaitCount(() -> counters.overloadDrops().sum() >= sent - 4, "drops counted");
        release.countDown();
        awaitCount(() -> rtpHandled.get() + counters.overloadDrops().sum() == sent, "every packet accounted for");
        assertEquals(0, counters.rejected().sum());
    }

    private static void awaitCount(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out: " + what);
            Thread.sleep(5);
        }
    }

    private static byte[] rtp(int seq) {
        byte[] p = new byte[12 + 200];
        p[0] = (byte) 0x80;
        p[1] = 96;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[8] = (byte) (SSRC >>> 24);
        p[9] = (byte) (SSRC >>> 16);
        p[10] = (byte) (SSRC >>> 8);
        p[11] = (byte) SSRC;
        return p;
    }
}
