package dev.vireo.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;

import org.bouncycastle.tls.DatagramTransport;

/**
 * BouncyCastle's view of one ICE session: DTLS records in, DTLS records out.
 *
 * <p>Receives read the session's DTLS-only child socket (first byte 20..63, RFC 7983 §7), which exists from the moment
 * the session is made so records arriving before the handshake starts are queued rather than lost. Sends go to the
 * selected pair like media.
 *
 * <p>The ice4j child sockets share one SO_TIMEOUT with their parent (setting it on one sets it on all), so the session
 * fixes it at a short slice and this class loops slices until the caller's wait is over. A DTLS timer may therefore
 * fire up to one slice late, which the handshake's retransmission timers (1 s and up) do not notice.
 */
final class IceDatagramTransport implements DatagramTransport {
    /** What ice4j's one-port harvester receives into: an Ethernet MTU minus IPv4 and UDP headers. */
    static final int RECEIVE_LIMIT = 1500 - 20 - 8;
    /**
     * Largest record we send. 1200 leaves room for IPv6 (40 B), a TURN relay's framing (up to 36 B) and tunnels,
     * as WebRTC stacks themselves assume; only handshake flights are this large, so the cost is an extra fragment.
     */
    static final int SEND_LIMIT = 1200;

    private final IceSession session;
    private final DatagramSocket dtlsSocket;
    private final byte[] scratch = new byte[1500];
    private final DatagramPacket packet = new DatagramPacket(scratch, scratch.length);

    IceDatagramTransport(IceSession session, DatagramSocket dtlsSocket) {
        this.session = session;
        this.dtlsSocket = dtlsSocket;
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    /**
     * Waits up to {@code waitMillis} for one DTLS datagram.
     *
     * @return its length (truncated to {@code len}), or -1 if none came in time
     * @throws IOException once the session is closed
     */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        long deadline = System.nanoTime() + Math.max(0, waitMillis) * 1_000_000L;
        synchronized (packet) {
            while (true) {
                if (session.isClosed()) {
                    throw new IOException("ICE session closed");
                }
                // ice4j copies into [offset, data.length), ignoring the packet's length: receive into our own
                // array so a record can never spill past [off, off + len) of the caller's buffer
                packet.setData(scratch, 0, scratch.length);
                try {
                    dtlsSocket.receive(packet);
                } catch (SocketTimeoutException e) {
                    if (System.nanoTime() - deadline >= 0) {
                        return -1;
                    }
                    continue;
                }
                session.heard();
                int n = Math.min(packet.getLength(), len);
                System.arraycopy(scratch, 0, buf, off, n);
                return n;
            }
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        session.send(buf, off, len);
    }

    /** Does nothing: the sockets belong to the {@link IceSession}, which {@link IceSession#close()} frees. */
    @Override
    public void close() {
    }
}
