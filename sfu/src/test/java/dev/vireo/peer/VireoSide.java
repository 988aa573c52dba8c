package dev.vireo.peer;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.dtls.DtlsCertificate;
import dev.vireo.dtls.DtlsResult;
import dev.vireo.dtls.DtlsServer;
import dev.vireo.dtls.Fingerprint;
import dev.vireo.ice.IceEndpoint;
import dev.vireo.ice.IceSession;
import dev.vireo.rtp.MuxedPacketType;
import dev.vireo.srtp.SrtpSession;

/**
 * The SFU's side of one transport, as Vireo builds it: an ice4j session on the shared port (controlled), a DTLS
 * server, an SRTP session; received media is unprotected and queued as byte arrays.
 */
final class VireoSide implements AutoCloseable {
    final IceSession session;
    final CompletableFuture<SrtpSession> srtp = new CompletableFuture<>();
    final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final BufferPool pool;

    VireoSide(IceEndpoint endpoint, String name, DtlsCertificate certificate, PeerTransport peer,
              ExecutorService handshakes, BufferPool pool) {
        this.pool = pool;
        session = endpoint.newSession(name, new IceSession.Listener() {
            @Override
            public void onConnected() {
                handshakes.execute(() -> handshake(certificate, Fingerprint.parse(peer.fingerprint())));
            }

            @Override
            public void onFailed(String reason) {
                srtp.completeExceptionally(new AssertionError("Vireo ICE failed: " + reason));
            }
        });
        session.setRemoteCredentials(peer.localUfrag(), peer.localPassword());
        session.addRemoteCandidate(peer.localCandidate());
        session.start();
    }

    private void handshake(DtlsCertificate certificate, Fingerprint expected) {
        try {
            DtlsResult result = DtlsServer.accept(session.dtlsTransport(), certificate, expected,
                    PeerTransport.DEFAULT_PROFILES);
            SrtpSession s = new SrtpSession(result.keys());
            session.startMediaReceiver(pool, packet -> {
                boolean rtp = MuxedPacketType.of(packet.array(), packet.offset(), packet.length())
                        == MuxedPacketType.RTP;
                if (rtp ? s.unprotectRtp(packet) : s.unprotectRtcp(packet)) {
                    byte[] copy = new byte[packet.length()];
                    System.arraycopy(packet.array(), packet.offset(), copy, 0, copy.length);
                    received.add(copy);
                }
                packet.release();
            });
            srtp.complete(s);
        } catch (Exception e) {
            srtp.completeExceptionally(e);
        }
    }

    /** Protects and sends an RTP packet to the peer. */
    void sendRtp(byte[] packet) throws Exception {
        PacketBuffer p = pool.take().copyFrom(packet, 0, packet.length);
        if (!srtp.getNow(null).protectRtp(p)) {
            throw new AssertionError("protect failed");
        }
        session.send(p.array(), p.offset(), p.length());
        p.release();
    }

    @Override
    public void close() {
        session.close();
    }

    static List<String> loopbackOnly() {
        return List.of("127.0.0.0/8");
    }
}
