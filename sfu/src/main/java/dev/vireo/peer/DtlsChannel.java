package dev.vireo.peer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.tls.DatagramTransport;

/**
 * BouncyCastle's view of a transport during the DTLS handshake: records the reactor received (first byte 20..63,
 * RFC 7983 §7) come through a small queue; records we send go straight to the channel, which is connected to the
 * selected ICE pair by then. Only handshake traffic passes here, so copying each record is fine.
 */
final class DtlsChannel implements DatagramTransport {
    /** Records that may wait: a handshake flight is a handful; more means nobody is reading. */
    private static final int QUEUE_CAPACITY = 64;
    static final int RECEIVE_LIMIT = 1500;
    /** Keeps each handshake datagram below what any path carries (as browsers do). */
    static final int SEND_LIMIT = 1200;

    private final DatagramChannel channel;
    private final BlockingQueue<byte[]> records = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile boolean closed;
    private volatile boolean handshakeOver;

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

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        byte[] record;
        try {
            record = records.poll(Math.max(0, waitMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
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
        channel.write(ByteBuffer.wrap(buf, off, len));
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
