package dev.vireo.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.tls.DatagramTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;

/** ICE over the shared port against real ice4j agents acting as browsers, on 127.0.0.1 only. */
class IceSessionTest {
    private static final InetSocketAddress LOOPBACK_ANY_PORT =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final List<String> LOOPBACK_ONLY = List.of("127.0.0.0/8");

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void twoSessionsConnectOnTheSharedPortAndKeepTheirTrafficApart() throws Exception {
        IceEndpoint endpoint = endpoint(LOOPBACK_ONLY, Duration.ofSeconds(5), Duration.ofSeconds(5));
        Connected a = connect(endpoint, "a", true);
        Connected b = connect(endpoint, "b", false); // no candidate: the browser is learnt from its checks (prflx)

        assertEquals(a.browser.localAddress(), a.session.remoteAddress());
        assertEquals(b.browser.localAddress(), b.session.remoteAddress());

        BlockingQueue<byte[]> mediaA = startReceiver(a.session);
        BlockingQueue<byte[]> mediaB = startReceiver(b.session);
        a.browser.send(rtp(1));
        b.browser.send(rtp(2));
        assertArrayEquals(rtp(1), mediaA.poll(2, TimeUnit.SECONDS));
        assertArrayEquals(rtp(2), mediaB.poll(2, TimeUnit.SECONDS));
        assertNull(mediaA.poll(200, TimeUnit.MILLISECONDS), "b's packet must not reach a");
        assertNull(mediaB.poll(10, TimeUnit.MILLISECONDS), "a's packet must not reach b");

        a.session.send(rtp(3), 0, rtp(3).length);
        b.session.send(rtp(4), 0, rtp(4).length);
        assertArrayEquals(rtp(3), a.browser.receive(2000));
        assertArrayEquals(rtp(4), b.browser.receive(2000));
        assertEquals(2, endpoint.sessionCount());
    }

    /**
     * Vireo's own loop reads the shared port (ice4j's harvester socket gets nothing), and only sources that passed a
     * check reach a session: RTP from anywhere else, even to the port a session uses, is dropped.
     */
    @Test
    void mediaComesFromTheSharedPortsReceiveLoopAndOnlyFromCheckedSources() throws Exception {
        IceEndpoint endpoint = endpoint(LOOPBACK_ONLY, Duration.ofSeconds(5), Duration.ofSeconds(5));
        Connected c = connect(endpoint, "checked", true);
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> media = new LinkedBlockingQueue<>();
        c.session.startMediaReceiver(new BufferPool(16), packet -> {
            threads.add(Thread.currentThread().getName());
            media.add(Arrays.copyOfRange(packet.array(), packet.offset(), packet.offset() + packet.length()));
            packet.release();
        });
        try (java.net.DatagramSocket stranger = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] spoofed = rtp(66);
            stranger.send(new java.net.DatagramPacket(spoofed, spoofed.length,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.port())));
        }
        c.browser.send(rtp(7));
        assertArrayEquals(rtp(7), media.poll(2, TimeUnit.SECONDS));
        assertEquals("vireo-ice-receive-" + endpoint.port(), threads.poll());
        assertNull(media.poll(300, TimeUnit.MILLISECONDS), "a datagram from an unchecked source must be dropped");
    }

    /** A browser sends its first key frame the moment its DTLS ends, possibly before our SRTP is set up. */
    @Test
    void mediaThatArrivesBeforeTheReceiverStartsIsHandedOverFirstInOrder() throws Exception {
        IceEndpoint endpoint = endpoint(LOOPBACK_ONLY, Duration.ofSeconds(5), Duration.ofSeconds(5));
        Connected c = connect(endpoint, "early", true);
        for (int i = 0; i < 5; i++) {
            c.browser.send(rtp(10 + i));
        }
        Thread.sleep(300); // the datagrams reach the session, which has no receiver yet
        BlockingQueue<byte[]> media = startReceiver(c.session);
        c.browser.send(rtp(15));
        for (int i = 0; i < 6; i++) {
            byte[] got = media.poll(5, TimeUnit.SECONDS);
            assertNotNull(got, "packet " + i);
            assertArrayEquals(rtp(10 + i), got, "packet " + i + " in order");
        }
    }

    @Test
    void browserWhoseChecksStartLateStillConnects() throws Exception {
        // The SFU starts ICE when it makes its answer; the browser starts checking once the answer arrives. ice4j
        // fails a check list five seconds after its last pair failed, and with one shared port every check towards a
        // signalled candidate fails at once: a session must survive that wait whether candidates came or not.
        IceEndpoint endpoint = endpoint(LOOPBACK_ONLY, Duration.ofSeconds(15), Duration.ofSeconds(15));
        List<IceSession> sessions = new ArrayList<>();
        List<BrowserPeer> browsers = new ArrayList<>();
        List<Listener> listeners = new ArrayList<>();
        for (boolean trickle : new boolean[] {true, false}) {
            Listener listener = new Listener();
            IceSession session = endpoint.newSession("late-" + trickle, listener);
            resources.add(session);
            BrowserPeer browser = browser();
            browser.target(session, endpoint.port());
            session.setRemoteCredentials(browser.ufrag(), browser.password());
            if (trickle) {
                assertTrue(session.addRemoteCandidate(browser.candidateAttribute()));
            }
            session.start();
            sessions.add(session);
            browsers.add(browser);
            listeners.add(listener);
        }
        Thread.sleep(5500);
        for (int i = 0; i < 2; i++) {
            assertEquals(0, listeners.get(i).failedCalls.get(), "failed before the browser spoke: "
                    + listeners.get(i).reason);
            browsers.get(i).start();
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(listeners.get(i).connected.await(5, TimeUnit.SECONDS), listeners.get(i).reason);
            assertEquals(browsers.get(i).localAddress(), sessions.get(i).remoteAddress());
        }
    }

    @Test
    void dtlsRecordsGoOnlyToTheDtlsTransportAndRtpOnlyToTheMediaReceiver() throws Exception {
        IceEndpoint endpoint = endpoint(LOOPBACK_ONLY, Duration.ofSeconds(5), Duration.ofSeconds(5));
        Connected c = connect(endpoint, "dtls", true);
        DatagramTransport dtls = c.session.dtlsTransport();
        assertTrue(dtls.getReceiveLimit() >= 1200 && dtls.getReceiveLimit() <= 1500);
        assertTrue(dtls.getSendLimit() >= 1200 && dtls.getSendLimit() <= dtls.getReceiveLimit());

        // sent before anyone reads: the record waits in the DTLS child socket
        c.browser.send(dtlsRecord(5));
        BlockingQueue<byte[]> media = startReceiver(c.session);
        c.browser.send(rtp(6));
        c.browser.send(rtcp(7));

        byte[] buf = new byte[dtls.getReceiveLimit()];
        int n = dtls.receive(buf, 0, buf.length, 2000);
        assertArrayEquals(dtlsRecord(5), Arrays.copyOf(buf, n));
        assertArrayEquals(rtp(6), media.poll(2, TimeUnit.SECONDS));
        assertArrayEquals(rtcp(7), media.poll(2, TimeUnit.SECONDS));
        assertNull(media.poll(200, TimeUnit.MILLISECONDS), "the DTLS record must not reach the media receiver");
        long before = System.nanoTime();
        assertEquals(-1, dtls.receive(buf, 0, buf.length, 300), "RTP must not reach the DTLS transport");
        assertTrue(System.nanoTime() - before >= 290_000_000L, "receive must wait for its timeout");

        byte[] record = dtlsRecord(8);
        dtls.send(record, 0, record.length);
        assertArrayEquals(record, c.browser.receive(2000));
    }

    @Test
    void dtlsReceiveTruncatesToTheCallersLength() throws Exception {
        IceEndpoint endpoint = endpoint(LOOPBACK_ONLY, Duration.ofSeconds(5), Duration.ofSeconds(5));
        Connected c = connect(endpoint, "short", true);
        c.browser.send(dtlsRecord(9));
        byte[] buf = new byte[20];
        Arrays.fill(buf, (byte) 0x55);
        int n = c.session.dtlsTransport().receive(buf, 4, 8, 2000);
        assertEquals(8, n);
        assertArrayEquals(Arrays.copyOf(dtlsRecord(9), 8), Arrays.copyOfRange(buf, 4, 12));
        assertEquals(0x55, buf[12] & 0xFF, "bytes past off+len must stay untouched");
        assertEquals(0x55, buf[3] & 0xFF);
    }

    @Test
    void watchdogFailsTheSessionWhenThePeerFallsSilent() throws Exception {
        IceEndpoint endpoint = endpoint(LOOPBACK_ONLY, Duration.ofSeconds(5), Duration.ofMillis(600));
        Connected c = connect(endpoint, "silent", true);
        startReceiver(c.session);

        // media keeps it alive well past the disconnect timeout
        long until = System.nanoTime() + 1_300_000_000L;
        long lastSent = 0;
        while (System.nanoTime() < until) {
            lastSent = System.nanoTime(); // the session heard from the peer at this moment or later
            c.browser.send(rtcp(1));
            Thread.sleep(50);
        }
        assertEquals(0, c.listener.failedCalls.get(), "a session hearing RTCP must stay up: " + c.listener.reason);
        assertTrue(c.session.isConnected());

        assertTrue(c.listener.failed.await(3, TimeUnit.SECONDS), "watchdog never fired");
        long afterMillis = (c.listener.failedAtNanos - lastSent) / 1_000_000;
        assertTrue(afterMillis >= 600, "fired before 600 ms of silence: " + afterMillis + " ms");
        assertTrue(c.listener.reason.contains("nothing received"), c.listener.reason);
        assertFalse(c.session.isConnected());
        Thread.sleep(300);
        assertEquals(1, c.listener.failedCalls.get());
        assertEquals(1, c.listener.connectedCalls.get());
    }

    @Test
    void sendAllocatesNothingPerPacket() throws Exception {
        IceEndpoint endpoint = endpoint(LOOPBACK_ONLY, Duration.ofSeconds(5), Duration.ofSeconds(5));
        Connected c = connect(endpoint, "alloc", true);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        byte[] packet = rtp(1);

        for (int i = 0; i < 5000; i++) { // warm up: ThreadLocal packet, JIT
            c.session.send(packet, 0, packet.length);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20000; i++) {
            c.session.send(packet, 0, packet.length);
        }
        long perPacket = (threads.getCurrentThreadAllocatedBytes() - before) / 20000;
        System.out.println("send(): " + perPacket + " bytes allocated per packet");
        assertTrue(perPacket < 8, "send() allocates " + perPacket + " bytes per packet");
    }

    @Test
    void sessionWithNoPeerFailsWithinTheConnectTimeout() throws Exception {
        IceEndpoint endpoint = endpoint(LOOPBACK_ONLY, Duration.ofMillis(700), Duration.ofMillis(700));
        Listener listener = new Listener();
        IceSession session = endpoint.newSession("alone", listener);
        session.setRemoteCredentials("ufrag", "passwordpasswordpassword");
        long start = System.nanoTime();
        session.start();
        assertTrue(listener.failed.await(3, TimeUnit.SECONDS), "a session with no peer must fail");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 650 && millis < 4000, "failed after " + millis + " ms, timeout 700 ms");
        assertTrue(listener.reason.contains("did not connect"), listener.reason);
        assertFalse(session.isConnected());
        assertNull(session.remoteAddress());
        assertEquals(0, listener.connectedCalls.get());
        assertThrows(IOException.class, () -> session.send(rtp(1), 0, 12));
    }

    @Test
    void checksFromOutsideTheAllowedNetworksAreDropped() throws Exception {
        IceEndpoint endpoint = endpoint(List.of("10.0.0.0/8"), Duration.ofMillis(800), Duration.ofMillis(800));
        Listener listener = new Listener();
        IceSession session = endpoint.newSession("outsider", listener);
        BrowserPeer browser = browser();
        browser.target(session, endpoint.port());
        session.setRemoteCredentials(browser.ufrag(), browser.password());
        session.start();
        browser.start();

        assertTrue(listener.failed.await(4, TimeUnit.SECONDS));
        assertEquals(0, listener.connectedCalls.get());
        assertFalse(browser.awaitCompleted(0), "the browser must never get an answer");
        assertTrue(endpoint.refusedDatagrams() > 0, "the browser's checks should have been counted as refused");
    }

    @Test
    void remoteCandidatesAreFilteredBeforeTheyReachIce() throws Exception {
        IceEndpoint endpoint = endpoint(LOOPBACK_ONLY, Duration.ofSeconds(5), Duration.ofSeconds(5));
        IceSession session = endpoint.newSession("filter", new Listener());
        assertTrue(session.addRemoteCandidate("candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host"));
        assertTrue(session.addRemoteCandidate("a=candidate:2 1 UDP 1686052607 127.0.0.2 50001 typ srflx raddr "
                + "0.0.0.0 rport 0 generation 0"));
        assertFalse(session.addRemoteCandidate("candidate:3 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active"));
        assertFalse(session.addRemoteCandidate(
                "candidate:4 1 udp 2122260223 0b5b6ad4-0c40-4e2b-9b0e-000000000000.local 50002 typ host"));
        assertFalse(session.addRemoteCandidate("candidate:5 1 udp 2122260223 192.168.1.10 50003 typ host"));
        assertFalse(session.addRemoteCandidate("candidate:6 1 udp 2122260223 example.org 50004 typ host"));
        assertFalse(session.addRemoteCandidate("candidate:7 2 udp 2122260222 127.0.0.1 50005 typ host"));
        assertFalse(session.addRemoteCandidate(""));
        assertEquals(List.of("127.0.0.1", "127.0.0.2"),
                session.remoteCandidates().stream().map(CandidateAttribute::address).toList());
        assertThrows(IllegalArgumentException.class, () -> session.addRemoteCandidate("candidate:garbage"));
        assertThrows(IllegalArgumentException.class,
                () -> session.addRemoteCandidate("candidate:1 1 udp 1 127.0.0.1 5000 typ wormhole"));
    }

    @Test
    void localCandidateCarriesTheAdvertisedAddressAndTheSharedPort() throws Exception {
        InetAddress advertised = InetAddress.getByAddress(new byte[] {127, 0, 0, 9});
        IceEndpoint endpoint = new IceEndpoint(LOOPBACK_ANY_PORT, advertised, List.of());
        resources.add(endpoint);
        assertTrue(endpoint.port() > 0);
        IceSession one = endpoint.newSession("one", new Listener());
        IceSession two = endpoint.newSession("two", new Listener());
        String expected = "candidate:1 1 udp 2130706431 127.0.0.9 " + endpoint.port() + " typ host";
        assertEquals(List.of(expected), one.localCandidates());
        assertEquals(List.of(expected), two.localCandidates());
        assertFalse(one.localUfrag().equals(two.localUfrag()), "sessions are told apart by ufrag");
        assertTrue(one.localUfrag().length() >= 4 && one.localPassword().length() >= 22);
    }

    @Test
    void closeIsIdempotentAndTheEndpointClosesItsSessions() throws Exception {
        IceEndpoint endpoint = endpoint(LOOPBACK_ONLY, Duration.ofSeconds(5), Duration.ofSeconds(5));
        Listener listener = new Listener();
        IceSession session = endpoint.newSession("closing", listener);
        IceSession other = endpoint.newSession("other", new Listener());
        session.startMediaReceiver(new BufferPool(8), packet -> packet.release());
        session.close();
        session.close();
        assertEquals(1, endpoint.sessionCount());
        assertThrows(IOException.class, () -> session.dtlsTransport().receive(new byte[10], 0, 10, 10));
        endpoint.close();
        endpoint.close();
        assertEquals(0, endpoint.sessionCount());
        assertThrows(IOException.class, () -> other.send(rtp(1), 0, 12));
        assertEquals(0, listener.failedCalls.get(), "closing is not a failure");
        assertThrows(IllegalStateException.class, () -> endpoint.newSession("late", new Listener()));
    }

    // --- helpers ---

    private record Connected(IceSession session, BrowserPeer browser, Listener listener) {
    }

    private IceEndpoint endpoint(List<String> allowed, Duration connect, Duration disconnect) throws IOException {
        IceEndpoint endpoint = new IceEndpoint(LOOPBACK_ANY_PORT, null, allowed, connect, disconnect);
        resources.add(endpoint);
        return endpoint;
    }

    private BrowserPeer browser() throws IOException {
        BrowserPeer browser = new BrowserPeer();
        resources.add(browser);
        return browser;
    }

    private Connected connect(IceEndpoint endpoint, String name, boolean trickleCandidate) throws Exception {
        Listener listener = new Listener();
        IceSession session = endpoint.newSession(name, listener);
        resources.add(session);
        BrowserPeer browser = browser();
        browser.target(session, endpoint.port());
        session.setRemoteCredentials(browser.ufrag(), browser.password());
        if (trickleCandidate) {
            assertTrue(session.addRemoteCandidate(browser.candidateAttribute()));
        }
        session.start();
        browser.start();
        assertTrue(listener.connected.await(5, TimeUnit.SECONDS), name + " did not connect: " + listener.reason);
        assertTrue(browser.awaitCompleted(5000), name + ": browser side did not complete");
        assertTrue(session.isConnected());
        assertNotNull(session.remoteAddress());
        return new Connected(session, browser, listener);
    }

    private static BlockingQueue<byte[]> startReceiver(IceSession session) {
        BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        session.startMediaReceiver(new BufferPool(16), packet -> {
            assertEquals(PacketBuffer.HEADROOM, packet.offset());
            assertTrue(packet.receivedAtNanos() != 0);
            queue.add(Arrays.copyOfRange(packet.array(), packet.offset(), packet.offset() + packet.length()));
            packet.release();
        });
        return queue;
    }

    /** A 12-byte RTP header (V=2, PT 96) with {@code tag} in the sequence number. */
    private static byte[] rtp(int tag) {
        return new byte[] {(byte) 0x80, 96, 0, (byte) tag, 0, 0, 0, 1, 0x11, 0x22, 0x33, 0x44};
    }

    /** An RTCP receiver report header (PT 201), also first byte 128..191. */
    private static byte[] rtcp(int tag) {
        return new byte[] {(byte) 0x80, (byte) 201, 0, 1, 0x11, 0x22, 0x33, (byte) tag};
    }

    /** A DTLS 1.2 handshake record header (content type 22) with a few body bytes. */
    private static byte[] dtlsRecord(int tag) {
        return new byte[] {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, (byte) tag, 0, 3, 1, 2, 3};
    }

    static final class Listener implements IceSession.Listener {
        final CountDownLatch connected = new CountDownLatch(1);
        final CountDownLatch failed = new CountDownLatch(1);
        final AtomicInteger connectedCalls = new AtomicInteger();
        final AtomicInteger failedCalls = new AtomicInteger();
        volatile String reason = "";
        volatile long failedAtNanos;

        @Override
        public void onConnected() {
            connectedCalls.incrementAndGet();
            connected.countDown();
        }

        @Override
        public void onFailed(String why) {
            failedAtNanos = System.nanoTime();
            reason = why;
            failedCalls.incrementAndGet();
            failed.countDown();
        }
    }
}
