package dev.vireo.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.dtls.DtlsCertificate;
import dev.vireo.ice.IceEndpoint;
import dev.vireo.srtp.SrtpSession;

/** PeerTransport against Vireo's own ICE (ice4j, controlled), DTLS server and SRTP, and against itself; loopback only. */
class PeerTransportTest {
    private static DtlsCertificate clientCertificate;
    private static DtlsCertificate serverCertificate;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final BufferPool pool = new BufferPool(1024);
    private final ExecutorService vireoHandshakes = Executors.newFixedThreadPool(8);

    @BeforeAll
    static void certificates() {
        clientCertificate = DtlsCertificate.generate();
        serverCertificate = DtlsCertificate.generate();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        vireoHandshakes.shutdownNow();
    }

    @Test
    void connectsToVireoAndCarriesRtpBothWays() throws Exception {
        IceEndpoint endpoint = endpoint();
        PeerReactor reactor = reactor();
        Recorder recorder = new Recorder();
        PeerTransport peer = reactor.newTransport(clientCertificate, recorder, recorder);
        assertTrue(peer.localCandidate().matches("candidate:1 1 udp 2130706431 127\\.0\\.0\\.1 \\d+ typ host"),
                peer.localCandidate());
        assertTrue(peer.localUfrag().length() >= 4 && peer.localPassword().length() >= 22);
        VireoSide vireo = add(new VireoSide(endpoint, "one", serverCertificate, peer, vireoHandshakes, pool));

        assertEquals(1, peer.connect(vireo.session.localUfrag(), vireo.session.localPassword(),
                vireo.session.localCandidates(), serverCertificate.fingerprintSdpValue(), true));
        assertTrue(recorder.connected.await(10, TimeUnit.SECONDS), "not connected: " + peer.failureReason());
        assertEquals(PeerTransport.State.CONNECTED, peer.state());
        assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.port()), peer.remoteAddress());
        SrtpSession vireoSrtp = vireo.srtp.get(10, TimeUnit.SECONDS);
        assertEquals(vireoSrtp.profile(), peer.srtpProfile());
        assertTrue(peer.connectNanos() > 0);

        // peer -> Vireo: RTP and RTCP
        byte[] rtp = rtp(1234, 0x11223344, 200);
        assertTrue(peer.sendRtp(pool.take().copyFrom(rtp, 0, rtp.length)));
        assertArrayEquals(rtp, vireo.received.poll(5, TimeUnit.SECONDS));
        byte[] rtcp = receiverReport(0x11223344);
        assertTrue(peer.sendRtcp(pool.take().copyFrom(rtcp, 0, rtcp.length)));
        assertArrayEquals(rtcp, vireo.received.poll(5, TimeUnit.SECONDS));

        // Vireo -> peer
        byte[] back = rtp(77, 0x55667788, 1000);
        vireo.sendRtp(back);
        assertArrayEquals(back, recorder.rtp.poll(5, TimeUnit.SECONDS));

        assertEquals(2, peer.packetsSent());
        assertTrue(peer.bytesSent() > rtp.length + rtcp.length, "SRTP adds tags");
        assertEquals(1, peer.packetsReceived());
        assertEquals(0, peer.srtpAuthFailures());
        assertEquals(0, peer.sendDrops());

        peer.close();
        assertEquals(PeerTransport.State.CLOSED, peer.state());
        assertFalse(peer.sendRtp(pool.take().copyFrom(rtp(1235, 0x11223344, 10), 0, 22)));
        assertEquals(1, peer.sendDrops());
        assertEquals(1, recorder.failed.getCount(), "close must not report a failure");
    }

    @Test
    void aWrongServerFingerprintFailsDtls() throws Exception {
        IceEndpoint endpoint = endpoint();
        PeerReactor reactor = reactor();
        Recorder recorder = new Recorder();
        PeerTransport peer = reactor.newTransport(clientCertificate, recorder, recorder);
        VireoSide vireo = add(new VireoSide(endpoint, "wrong", serverCertificate, peer, vireoHandshakes, pool));
        String someoneElse = clientCertificate.fingerprintSdpValue();
        peer.connect(vireo.session.localUfrag(), vireo.session.localPassword(), vireo.session.localCandidates(),
                someoneElse, true);
        assertTrue(recorder.failed.await(10, TimeUnit.SECONDS), "no failure reported");
        assertEquals(PeerTransport.State.FAILED, peer.state());
        assertTrue(peer.failureReason().contains("DTLS"), peer.failureReason());
        assertEquals(1, recorder.connected.getCount(), "must never report connected");
    }

    @Test
    void iceTimesOutWithoutAnAnsweringPeer() throws Exception {
        PeerReactor reactor = reactor();
        Recorder recorder = new Recorder();
        PeerTransport peer = reactor.newTransport(clientCertificate, recorder, recorder);
        // a bound socket that never answers
        java.nio.channels.DatagramChannel silent = java.nio.channels.DatagramChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        resources.add(silent);
        int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
        assertEquals(1, peer.connect("abcd", "0123456789012345678901", List.of(
                "candidate:1 1 udp 2130706431 127.0.0.1 " + port + " typ host",
                "candidate:2 1 udp 2130706431 192.0.2.1 " + port + " typ host",
                "candidate:3 1 tcp 2130706431 127.0.0.1 " + port + " typ host",
                "candidate:4 1 udp 2130706431 abc.local " + port + " typ host"),
                serverCertificate.fingerprintSdpValue(), true));
        long start = System.nanoTime();
        assertTrue(recorder.failed.await(15, TimeUnit.SECONDS));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 9000, "failed after " + millis + " ms");
        assertTrue(peer.failureReason().contains("ICE"), peer.failureReason());
    }

    @Test
    void twoPeerTransportsConnectOneControllingOneControlled() throws Exception {
        PeerReactor reactor = reactor();
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        PeerTransport a = reactor.newTransport(clientCertificate, ra, ra);
        PeerTransport b = reactor.newTransport(serverCertificate, rb, rb);
        a.connect(b.localUfrag(), b.localPassword(), List.of(b.localCandidate()), b.fingerprint(), true, true,
                PeerTransport.DEFAULT_PROFILES);
        b.connect(a.localUfrag(), a.localPassword(), List.of(), a.fingerprint(), false, false,
                List.of(PeerTransport.DEFAULT_PROFILES.get(1)));
        assertTrue(ra.connected.await(10, TimeUnit.SECONDS), "a: " + a.failureReason());
        assertTrue(rb.connected.await(10, TimeUnit.SECONDS), "b: " + b.failureReason());
        assertTrue(a.iceControlling());
        assertFalse(b.iceControlling());
        assertEquals(a.localAddress(), b.remoteAddress(), "b learnt a's address from its checks");
        assertEquals(PeerTransport.DEFAULT_PROFILES.get(1), a.srtpProfile());

        byte[] ab = rtp(1, 1, 100);
        byte[] ba = rtp(2, 2, 1100);
        assertTrue(a.sendRtp(pool.take().copyFrom(ab, 0, ab.length)));
        assertTrue(b.sendRtp(pool.take().copyFrom(ba, 0, ba.length)));
        assertArrayEquals(ab, rb.rtp.poll(5, TimeUnit.SECONDS));
        assertArrayEquals(ba, ra.rtp.poll(5, TimeUnit.SECONDS));
        byte[] rr = receiverReport(9);
        assertTrue(b.sendRtcp(pool.take().copyFrom(rr, 0, rr.length)));
        assertArrayEquals(rr, ra.rtcp.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void oneReactorServesTwoHundredTransportsToOneEndpoint() throws Exception {
        int n = 200;
        IceEndpoint endpoint = endpoint();
        PeerReactor reactor = reactor();
        CountDownLatch connected = new CountDownLatch(n);
        CountDownLatch media = new CountDownLatch(n * 5);
        List<PeerTransport> peers = new ArrayList<>();
        List<VireoSide> vireos = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            PeerTransport peer = reactor.newTransport(clientCertificate, new PeerTransport.Listener() {
                @Override
                public void onConnected(PeerTransport t) {
                    connected.countDown();
                }
            }, new PeerTransport.MediaHandler() {
                @Override
                public void onRtp(PacketBuffer p) {
                    media.countDown();
                    p.release();
                }

                @Override
                public void onRtcp(PacketBuffer p) {
                    p.release();
                }
            });
            VireoSide vireo = add(new VireoSide(endpoint, "many-" + i, serverCertificate, peer, vireoHandshakes,
                    pool));
            peer.connect(vireo.session.localUfrag(), vireo.session.localPassword(), vireo.session.localCandidates(),
                    serverCertificate.fingerprintSdpValue(), true);
            peers.add(peer);
            vireos.add(vireo);
        }
        assertEquals(n, reactor.transportCount());
        assertTrue(connected.await(90, TimeUnit.SECONDS), (n - connected.getCount()) + " of " + n + " connected");
        long connectedMillis = (System.nanoTime() - start) / 1_000_000;
        for (VireoSide vireo : vireos) {
            vireo.srtp.get(10, TimeUnit.SECONDS);
        }
        for (int round = 0; round < 5; round++) {
            for (VireoSide vireo : vireos) {
                vireo.sendRtp(rtp(100 + round, 42, 1000));
            }
        }
        assertTrue(media.await(10, TimeUnit.SECONDS), media.getCount() + " packets missing");
        // and the other way, from one thread through all transports
        for (PeerTransport peer : peers) {
            byte[] p = rtp(7, 43, 1000);
            assertTrue(peer.sendRtp(pool.take().copyFrom(p, 0, p.length)));
        }
        for (VireoSide vireo : vireos) {
            assertNotNull(vireo.received.poll(10, TimeUnit.SECONDS), "a Vireo session got nothing");
        }
        System.out.println(n + " transports connected in " + connectedMillis + " ms on one reactor");
        for (PeerTransport peer : peers) {
            assertEquals(0, peer.srtpAuthFailures());
            peer.close();
        }
    }

    private IceEndpoint endpoint() throws Exception {
        return add(new IceEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
                VireoSide.loopbackOnly(), Duration.ofSeconds(30)));
    }

    private PeerReactor reactor() throws Exception {
        return add(new PeerReactor("test"));
    }

    private <T extends AutoCloseable> T add(T resource) {
        resources.add(resource);
        return resource;
    }

    static byte[] rtp(int seq, int ssrc, int payload) {
        byte[] p = new byte[12 + payload];
        p[0] = (byte) 0x80;
        p[1] = 96;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[7] = 1;
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        for (int i = 12; i < p.length; i++) {
            p[i] = (byte) i;
        }
        return p;
    }

    /** An RTCP receiver report with no report blocks (RFC 3550 §6.4.2). */
    static byte[] receiverReport(int ssrc) {
        return new byte[] {(byte) 0x80, (byte) 201, 0, 1, (byte) (ssrc >>> 24), (byte) (ssrc >>> 16),
            (byte) (ssrc >>> 8), (byte) ssrc};
    }

    /** Records what a transport reports. */
    static final class Recorder implements PeerTransport.Listener, PeerTransport.MediaHandler {
        final CountDownLatch connected = new CountDownLatch(1);
        final CountDownLatch failed = new CountDownLatch(1);
        final BlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> rtcp = new LinkedBlockingQueue<>();

        @Override
        public void onConnected(PeerTransport t) {
            connected.countDown();
        }

        @Override
        public void onFailed(PeerTransport t, String reason) {
            failed.countDown();
        }

        @Override
        public void onRtp(PacketBuffer p) {
            rtp.add(copy(p));
        }

        @Override
        public void onRtcp(PacketBuffer p) {
            rtcp.add(copy(p));
        }

        private static byte[] copy(PacketBuffer p) {
            byte[] b = new byte[p.length()];
            System.arraycopy(p.array(), p.offset(), b, 0, b.length);
            p.release();
            return b;
        }
    }
}
