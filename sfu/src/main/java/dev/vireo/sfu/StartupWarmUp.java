package dev.vireo.sfu;

import dev.vireo.dtls.DtlsCertificate;
import dev.vireo.dtls.DtlsClient;
import dev.vireo.dtls.DtlsException;
import dev.vireo.dtls.DtlsServer;
import dev.vireo.dtls.MemoryLink;
import dev.vireo.ice.IceEndpoint;
import dev.vireo.ice.IceSession;
import dev.vireo.srtp.SrtpProfile;
import dev.vireo.srtp.SrtpSession;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Does at start-up the one-time work that would otherwise fall on the first participants: jitsi-srtp's cipher
 * set-up (it loads every crypto provider it knows under a class-wide lock) and a first DTLS handshake (BouncyCastle's
 * TLS classes). Measured in the meeting benchmark on a fresh server: five participants joining at once waited
 * 3.4–3.7 s for their first packet, most of it in these two, while the same joins on a warm server took well under
 * a second. The load tool (bench/) runs the same warm-up in its own JVM, so a cold client does not count against
 * whichever server happens to be measured first.
 */
public final class StartupWarmUp {
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
        MemoryLink link = new MemoryLink();
        List<SrtpProfile> profiles = List.of(SrtpProfile.values());
        CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
            try {
                DtlsServer.accept(link.serverEnd(), certificate, certificate.fingerprint(), profiles)
                        .transport().close();
            } catch (DtlsException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            DtlsClient.connect(link.clientEnd(), certificate, certificate.fingerprint(), profiles).transport().close();
        } catch (IOException ignored) {
            // closing an in-memory link cannot fail in a way that matters here
        }
        accepted.join();
    }
}
