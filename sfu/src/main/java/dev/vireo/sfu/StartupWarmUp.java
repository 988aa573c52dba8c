package dev.vireo.sfu;

import dev.vireo.dtls.DtlsCertificate;
import dev.vireo.dtls.DtlsClient;
import dev.vireo.dtls.DtlsException;
import dev.vireo.dtls.DtlsServer;
import dev.vireo.ice.IceEndpoint;
import dev.vireo.ice.IceSession;
import dev.vireo.srtp.SrtpProfile;
import dev.vireo.srtp.SrtpSession;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * Does at start-up the one-time work that would otherwise fall on the first participants: jitsi-srtp's cipher
 * set-up (it loads every crypto provider it knows under a class-wide lock) and a first DTLS handshake (BouncyCastle's
 * TLS classes). Measured in the meeting benchmark on a fresh server: five participants joining at once waited
 * 3.4–3.7 s for their first packet, most of it in these two, while the same joins on a warm server took well under
 * a second. The load tool (bench/) runs the same warm-up in its own JVM, so a cold client does not count against
 * whichever server happens to be measured first.
 */
public final class StartupWarmUp {
    private static final int QUEUE = 64;

    private StartupWarmUp() {
    }

    /** Runs both warm-ups; a failure is reported, never fatal (the real sessions would then pay the cost). */
    public static void run(DtlsCertificate certificate) {
        SrtpSession.warmUp();
        try {
            handshakeWithItself(certificate);
        } catch (DtlsException | RuntimeException e) {
            System.getLogger(StartupWarmUp.class.getName())
                    .log(System.Logger.Level.WARNING, "DTLS warm-up handshake failed: " + e);
        }
    }

    /**
     * Makes and frees one ICE session: the first ice4j {@code Agent} of a JVM loads and initialises most of ice4j,
     * which otherwise delays the first participant's answer by about half a second.
     */
    static void iceSession(IceEndpoint endpoint) {
        endpoint.newSession("warm-up", new IceSession.Listener() {
            @Override
            public void onConnected() {
            }

            @Override
            public void onFailed(String reason) {
            }
        }).close();
    }

    /** A complete DTLS-SRTP handshake between a client and a server with our own certificate, in memory. */
    private static void handshakeWithItself(DtlsCertificate certificate) throws DtlsException {
        Link toServer = new Link();
        Link toClient = new Link();
        MemoryTransport server = new MemoryTransport(toServer, toClient);
        MemoryTransport client = new MemoryTransport(toClient, toServer);
        List<SrtpProfile> profiles = List.of(SrtpProfile.values());
        CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
            try {
                DtlsServer.accept(server, certificate, certificate.fingerprint(), profiles).transport().close();
            } catch (DtlsException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            DtlsClient.connect(client, certificate, certificate.fingerprint(), profiles).transport().close();
        } catch (IOException ignored) {
            // closing an in-memory link cannot fail in a way that matters here
        }
        accepted.join();
    }

    private static final class Link {
        final ArrayBlockingQueue<byte[]> datagrams = new ArrayBlockingQueue<>(QUEUE);
    }

    /** One end of a lossless in-memory link. */
    private record MemoryTransport(Link in, Link out) implements DatagramTransport {
        @Override
        public int getReceiveLimit() {
            return 1500;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            byte[] d;
            try {
                d = in.datagrams.poll(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (d == null) {
                return -1;
            }
            int n = Math.min(len, d.length);
            System.arraycopy(d, 0, buf, off, n);
            return n;
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            out.datagrams.offer(java.util.Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void close() {
        }
    }
}
