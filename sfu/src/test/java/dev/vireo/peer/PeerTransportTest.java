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

    /** How many transports are in each state, with the failure reasons of both ends. */
    private static java.util.Map<String, Integer> states(List<PeerTransport> peers, List<VireoSide> vireos) {
        java.util.Map<String, Integer> states = new java.util.TreeMap<>();
        for (int i = 0; i < peers.size(); i++) {
            PeerTransport p = peers.get(i);
            java.util.concurrent.CompletableFuture<?> srtp = vireos.get(i).srtp;
            String vireo = !srtp.isDone() ? "pending" : srtp.isCompletedExceptionally() ? "failed: "
                    + srtp.handle((ok, e) -> e).join() : "keyed";
            states.merge(p.state() + " " + p.failureReason() + " / vireo " + vireo, 1, Integer::sum);
        }
        return states;
    }

    /** Transports that start connecting together in {@link #oneReactorServesTwoHundredTransportsToOneEndpoint}. */
    private static final int WAVE = 25;

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
            if ((i + 1) % WAVE == 0) {
                // Join in waves, as clients do: 200 DTLS handshakes (ECDSA, both ends on this machine's two cores)
                // started in the same instant time out on a busy machine, which says nothing about the reactor.
                long waveDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (connected.getCount() > n - (i + 1) && System.nanoTime() - waveDeadline < 0) {
                    Thread.sleep(10);
                }
            }
        }
        assertEquals(n, reactor.transportCount(), () -> "transports closed while joining: " + states(peers, vireos));
        boolean all = connected.await(60, TimeUnit.SECONDS);
        assertTrue(all, (n - connected.getCount()) + " of " + n + " connected: " + states(peers, vireos));
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
        // and the other way, from one thread through all transports; three rounds, paced, because all of them land
        // on Vireo's one shared port, whose socket buffer a burst of 200 can overflow on a loaded machine
        for (int round = 0; round < 3; round++) {
            for (PeerTransport peer : peers) {
                byte[] p = rtp(7 + round, 43, 1000);
                assertTrue(peer.sendRtp(pool.take().copyFrom(p, 0, p.length)));
                Thread.sleep(0, 200_000);
            }
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

    @Test
    void sendAndReceiveAllocateLittlePerPacket() throws Exception {
        PeerReactor reactor = add(new PeerReactor("alloc"));
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        java.util.concurrent.atomic.AtomicLong got = new java.util.concurrent.atomic.AtomicLong();
        PeerTransport.MediaHandler counting = new PeerTransport.MediaHandler() {
            @Override
            public void onRtp(PacketBuffer p) {
                got.incrementAndGet();
                p.release();
            }

            @Override
            public void onRtcp(PacketBuffer p) {
                p.release();
            }
        };
        PeerTransport a = reactor.newTransport(clientCertificate, ra, null);
        PeerTransport b = reactor.newTransport(serverCertificate, rb, counting);
        a.connect(b.localUfrag(), b.localPassword(), List.of(b.localCandidate()), b.fingerprint(), true);
        b.connect(a.localUfrag(), a.localPassword(), List.of(), a.fingerprint(), false, false,
                PeerTransport.DEFAULT_PROFILES);
        assertTrue(ra.connected.await(10, TimeUnit.SECONDS) && rb.connected.await(10, TimeUnit.SECONDS));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long reactorThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("vireo-peer-alloc-") && !t.getName().contains("dtls"))
                .findFirst().orElseThrow().getId();
        byte[] payload = rtp(0, 5, 1000);
        int warm = 20_000;
        int measured = 20_000;
        int seq = 0;
        for (; seq < warm; seq++) {
            sendPaced(a, payload, seq, got);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got.get() < warm * 9L / 10 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long receivedBefore = got.get();
        long sendBefore = threads.getCurrentThreadAllocatedBytes();
        long reactorBefore = threads.getThreadAllocatedBytes(reactorThread);
        for (; seq < warm + measured; seq++) {
            sendPaced(a, payload, seq, got);
        }
        long sendPerPacket = (threads.getCurrentThreadAllocatedBytes() - sendBefore) / measured;
        Thread.sleep(500);
        long receivedCount = got.get() - receivedBefore;
        long reactorPerPacket = (threads.getThreadAllocatedBytes(reactorThread) - reactorBefore)
                / Math.max(1, receivedCount);
        long[] srtpOnly = srtpAllocationPerPacket(a.srtpProfile(), payload);
        System.out.println("SRTP " + a.srtpProfile() + " (" + SrtpSession.cryptoBackend() + "): send "
                + sendPerPacket + " B/packet, reactor receive " + reactorPerPacket + " B/packet over "
                + receivedCount + " packets; jitsi-srtp alone: protect " + srtpOnly[0] + ", unprotect " + srtpOnly[1]);
        assertTrue(receivedCount > measured / 2, "received " + receivedCount);
        // jitsi-srtp allocates on its own, and how much varies with how the JIT inlined it (main's forward path test saw
        // 105-144 B); measured here 0-3 B above it on send and 7-24 B on receive. The JDK's receive, send and select
        // allocate nothing (checked separately), so the bound is set to catch what our code could add per packet:
        // a ByteBuffer wrapper (48 B), an address (>= 48 B) or a copy of the packet (> 1 KB).
        assertTrue(sendPerPacket - srtpOnly[0] < 40, "send adds " + (sendPerPacket - srtpOnly[0]) + " B/packet");
        assertTrue(reactorPerPacket - srtpOnly[1] < 40,
                "receive adds " + (reactorPerPacket - srtpOnly[1]) + " B/packet");
    }

    /** Bytes jitsi-srtp allocates per protect and per unprotect on this thread, measured without any socket. */
    private long[] srtpAllocationPerPacket(dev.vireo.srtp.SrtpProfile profile, byte[] payload) {
        byte[] material = new byte[profile.keyingMaterialLength()];
        new java.util.Random(1).nextBytes(material);
        SrtpSession sender = new SrtpSession(dev.vireo.srtp.SrtpKeyingMaterial.fromDtlsExport(profile, material, false));
        SrtpSession receiver = new SrtpSession(dev.vireo.srtp.SrtpKeyingMaterial.fromDtlsExport(profile, material, true));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        PacketBuffer p = PacketBuffer.unpooled();
        long protect = 0;
        long unprotect = 0;
        int n = 20_000;
        for (int round = 0; round < 2; round++) { // the first round warms up
            protect = 0;
            unprotect = 0;
            for (int i = 0; i < n; i++) {
                int seq = round * n + i;
                p.copyFrom(payload, 0, payload.length);
                p.array()[p.offset() + 2] = (byte) (seq >> 8);
                p.array()[p.offset() + 3] = (byte) seq;
                long t0 = threads.getCurrentThreadAllocatedBytes();
                assertTrue(sender.protectRtp(p));
                long t1 = threads.getCurrentThreadAllocatedBytes();
                assertTrue(receiver.unprotectRtp(p));
                long t2 = threads.getCurrentThreadAllocatedBytes();
                protect += t1 - t0;
                unprotect += t2 - t1;
            }
        }
        return new long[] {protect / n, unprotect / n};
    }

    /**
     * Sends one packet; every 200 it lets the receiver catch up to within 400 packets (at most 50 ms, so a lost packet
     * cannot stall the loop): drops would make the per-packet figure meaningless, and a receiver stalled on a busy
     * machine would otherwise lose whatever overflowed its socket buffer.
     */
    private void sendPaced(PeerTransport t, byte[] payload, int seq, java.util.concurrent.atomic.AtomicLong received)
            throws InterruptedException {
        PacketBuffer p = pool.take().copyFrom(payload, 0, payload.length);
        p.array()[p.offset() + 2] = (byte) (seq >> 8);
        p.array()[p.offset() + 3] = (byte) seq;
        t.sendRtp(p);
        if (seq % 200 == 0) {
            long deadline = System.nanoTime() + 50_000_000L;
            do {
                Thread.sleep(1);
            } while (seq - received.get() > 400 && System.nanoTime() < deadline);
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
