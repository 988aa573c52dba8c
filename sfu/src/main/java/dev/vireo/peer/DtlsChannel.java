package dev.vireo.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.tls.DatagramTransport;

/**
 * BouncyCastle's view of a transport during the DTLS handshake: records the reactor received (first byte 20..63,
 * RFC 7983 §7) come through a small queue; records we send go straight to the selected ICE pair's address. Only handshake traffic passes here, so copying each record is fine.
 *
 * <p>{@link #receive} and {@link #send} are called by the one handshake thread; {@link #offer} by the reactor.
 */
final class DtlsChannel implements DatagramTransport {
    /** Records that may wait: a handshake flight is a handful; more means nobody is reading. */
    private static final int QUEUE_CAPACITY = 64;
    static final int RECEIVE_LIMIT = 1500;
    /** Keeps each handshake datagram below what any path carries (as browsers do). */
    static final int SEND_LIMIT = 1200;
    static final long EARLY_RESEND_MILLIS = 100;
    static final int MAX_EARLY_RESENDS = 5;

    private final DatagramChannel channel;
    private final BlockingQueue<byte[]> records = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile boolean closed;
    private volatile boolean handshakeOver;
    private volatile InetSocketAddress remote;
    /** Our first datagram (a ClientHello) while nothing has come back: resent early, see {@link #receive}. */
    private byte[] firstFlight;
    private boolean anyReceived;
    private int earlyResends;

    DtlsChannel(DatagramChannel channel) {
        this.channel = channel;
    }

    /** Called by the reactor thread; drops the record when the queue is full or the handshake is over. */
    void offer(byte[] buf, int off, int len) {
        if (!closed && !handshakeOver) {
            byte[] record = new byte[len];
            System.arraycopy(buf, off, record, 0, len);
            records.offer(record);
        }
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
     * Waits for a record. As DTLS client, until the server first answers, our ClientHello is sent again every
     * {@value #EARLY_RESEND_MILLIS} ms (at most {@value #MAX_EARLY_RESENDS} times): a server that had not yet seen
     * its own ICE check succeed drops it (Janus under load does), and BouncyCastle's own retransmission comes only
     * after a second. A repeated ClientHello is a retransmission any DTLS server expects (RFC 6347 §4.2.4).
     */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        long deadline = System.nanoTime() + Math.max(0, waitMillis) * 1_000_000L;
        byte[] record;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                boolean early = !anyReceived && firstFlight != null && earlyResends < MAX_EARLY_RESENDS;
                long slice = early ? Math.min(left, EARLY_RESEND_MILLIS * 1_000_000L) : left;
                record = records.poll(Math.max(0, slice), TimeUnit.NANOSECONDS);
                if (record != null || !early || deadline - System.nanoTime() <= 0) {
                    break;
                }
                earlyResends++;
                send(firstFlight, 0, firstFlight.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (record != null) {
            anyReceived = true;
        }
        if (record == null) {
            if (closed) {
                throw new IOException("transport closed");
            }
            return -1;
        }
        int n = Math.min(len, record.length);
        System.arraycopy(record, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        if (!anyReceived && firstFlight == null) {
            firstFlight = java.util.Arrays.copyOfRange(buf, off, off + len);
        }
        InetSocketAddress to = remote;
        if (to == null) {
            throw new IOException("no selected ICE pair");
        }
        channel.send(ByteBuffer.wrap(buf, off, len), to);
    }

    /** Where records go: the selected pair's remote address. */
    void remote(InetSocketAddress address) {
        remote = address;
    }

    /**
     * Stops queueing once the handshake is over: later records (a peer's retransmitted flight, close_notify) are
     * dropped; sending (our close_notify) still works.
     */
    void handshakeOver() {
        handshakeOver = true;
        records.clear();
    }

    /** Stops queueing; a blocked handshake sees the close within its next wait. */
    @Override
    public void close() {
        closed = true;
        records.clear();
    }
}
