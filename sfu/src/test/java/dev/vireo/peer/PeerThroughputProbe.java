package dev.vireo.peer;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.dtls.DtlsCertificate;

/**
 * Measurement, not a unit test: CPU per packet of the client transport itself, so that a load run knows how much of
 * its two cores the clients take. One sender thread, one receiving reactor, 1100-byte RTP, loopback.
 *
 * <pre>java -cp ... dev.vireo.peer.PeerThroughputProbe [packets] [packetsPerMillisecond]</pre>
 */
public final class PeerThroughputProbe {
    public static void main(String[] args) throws Exception {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int perMilli = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        DtlsCertificate certificate = DtlsCertificate.generate();
        BufferPool pool = new BufferPool(4096);
        AtomicLong received = new AtomicLong();
        try (PeerReactor sendSide = new PeerReactor("tx"); PeerReactor receiveSide = new PeerReactor("rx")) {
            CountDownLatch connected = new CountDownLatch(2);
            PeerTransport.Listener listener = new PeerTransport.Listener() {
                @Override
                public void onConnected(PeerTransport t) {
                    connected.countDown();
                }
            };
            PeerTransport a = sendSide.newTransport(certificate, listener, null);
            PeerTransport b = receiveSide.newTransport(certificate, listener, new PeerTransport.MediaHandler() {
                @Override
                public void onRtp(PacketBuffer p) {
                    received.incrementAndGet();
                    p.release();
                }

                @Override
                public void onRtcp(PacketBuffer p) {
                    p.release();
                }
            });
            a.connect(b.localUfrag(), b.localPassword(), List.of(b.localCandidate()), b.fingerprint(), true);
            b.connect(a.localUfrag(), a.localPassword(), List.of(), a.fingerprint(), false, false,
                    PeerTransport.DEFAULT_PROFILES);
            if (!connected.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("not connected");
            }
            Thread rx = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("vireo-peer-rx-") && !t.getName().contains("dtls"))
                    .findFirst().orElseThrow();
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            byte[] payload = PeerTransportTest.rtp(0, 77, 1088);
            for (int round = 0; round < 2; round++) { // the first round warms up
                long rxCpu0 = threads.getThreadCpuTime(rx.getId());
                long txCpu0 = threads.getCurrentThreadCpuTime();
                long got0 = received.get();
                long drops0 = a.sendDrops();
                long start = System.nanoTime();
                for (int i = 0; i < packets; i++) {
                    int seq = round * packets + i;
                    PacketBuffer p = pool.take().copyFrom(payload, 0, payload.length);
                    p.array()[p.offset() + 2] = (byte) (seq >> 8);
                    p.array()[p.offset() + 3] = (byte) seq;
                    p.array()[p.offset() + 8] = (byte) (seq >> 16); // a new SSRC every 65536: no replay refusals
                    a.sendRtp(p);
                    if (i % perMilli == perMilli - 1) {
                        long due = start + (i + 1L) / perMilli * 1_000_000L;
                        while (System.nanoTime() < due) {
                            Thread.onSpinWait();
                        }
                    }
                }
                Thread.sleep(300);
                long got = received.get() - got0;
                double seconds = (System.nanoTime() - start) / 1e9;
                double rxUs = (threads.getThreadCpuTime(rx.getId()) - rxCpu0) / 1000.0 / Math.max(1, got);
                double txUs = (threads.getCurrentThreadCpuTime() - txCpu0) / 1000.0 / packets;
                System.out.printf("%s: %d sent (%d dropped at send), %d received in %.2f s (%.0f pps); CPU per packet:"
                        + " send %.2f us (incl. pacing spin), receive %.2f us (reactor thread)%n",
                        round == 0 ? "warm-up" : "measured", packets, a.sendDrops() - drops0, got, seconds,
                        got / seconds, txUs, rxUs);
            }
            System.out.println("datagrams received " + b.packetsReceived() + "; SRTP " + a.srtpProfile() + ", auth failures " + b.srtpAuthFailures()
                    + ", rejected " + b.srtpRejected());
        }
    }
}
