package dev.vireo.ice;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.tls.DatagramTransport;

/**
 * BouncyCastle's view of one ICE session: DTLS records in, DTLS records out.
 *
 * <p>Records (first byte 20..63, RFC 7983 §7) are pushed in by the endpoint's receive thread from the moment the
 * session is made, so records arriving before the handshake starts are queued rather than lost; the queue is bounded
 * (a peer flooding DTLS loses records, which DTLS retransmits). A blocked reader sleeps until a record comes, its
 * wait ends or the session closes: no polling. Sends go to the selected pair like media.
 */
final class IceDatagramTransport implements DatagramTransport {
    /** What ice4j's one-port harvester receives into: an Ethernet MTU minus IPv4 and UDP headers. */
    static final int RECEIVE_LIMIT = 1500 - 20 - 8;
    /**
     * Largest record we send. 1200 leaves room for IPv6 (40 B), a TURN relay's framing (up to 36 B) and tunnels,
     * as WebRTC stacks themselves assume; only handshake flights are this large, so the cost is an extra fragment.
     */
    static final int SEND_LIMIT = 1200;
    /** Records waiting for the reader: a handshake flight is a handful; more means nobody reads. */
    static final int QUEUE_LIMIT = 64;

    /** Wakes a blocked reader on close; never delivered as a record. */
    private static final byte[] WAKE = new byte[0];

    private final IceSession session;
    private final ArrayBlockingQueue<byte[]> inbox = new ArrayBlockingQueue<>(QUEUE_LIMIT);

    IceDatagramTransport(IceSession session) {
        this.session = session;
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
        while (true) {
            if (session.isClosed()) {
                throw new IOException("ICE session closed");
            }
            long left = deadline - System.nanoTime();
            byte[] record;
            try {
                record = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : inbox.poll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for DTLS", e);
            }
            if (record == null) {
                return -1;
            }
            if (record == WAKE) {
                continue; // look at the closed flag
            }
            session.heard();
            int n = Math.min(record.length, len);
            System.arraycopy(record, 0, buf, off, n);
            return n;
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

    /** Queues a copy of one received record; dropped when the queue is full. Called on the receive thread. */
    void deliver(byte[] data, int off, int len) {
        inbox.offer(Arrays.copyOfRange(data, off, off + len));
    }

    /** Makes a blocked {@link #receive} look at the session's closed flag now. */
    void wakeReader() {
        inbox.offer(WAKE);
    }
}
