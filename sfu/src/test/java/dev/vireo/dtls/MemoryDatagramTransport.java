package dev.vireo.dtls;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One end of an in-memory datagram link: what one end sends, the other receives, in order, without loss. */
final class MemoryDatagramTransport implements TestDatagramTransport {
    private final BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
    private MemoryDatagramTransport peer;
    private volatile boolean closed;

    static MemoryDatagramTransport[] pair() {
        MemoryDatagramTransport a = new MemoryDatagramTransport();
        MemoryDatagramTransport b = new MemoryDatagramTransport();
        a.peer = b;
        b.peer = a;
        return new MemoryDatagramTransport[] {a, b};
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        byte[] datagram;
        try {
            datagram = inbox.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (datagram == null) {
            return -1;
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        peer.inbox.add(Arrays.copyOfRange(buf, off, off + len));
    }

    @Override
    public void close() {
        closed = true;
    }
}
