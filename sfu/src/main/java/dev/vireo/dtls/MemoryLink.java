package dev.vireo.dtls;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * A lossless, in-order datagram link inside one process, for DTLS handshakes that need no network: the server's
 * start-up warm-up and the handshake benchmark. What one end sends, the other receives.
 */
public final class MemoryLink {
    /** A handshake flight is a handful of records; a full queue drops, as a socket buffer would. */
    private static final int QUEUE = 64;

    private final End server;
    private final End client;

    public MemoryLink() {
        ArrayBlockingQueue<byte[]> toServer = new ArrayBlockingQueue<>(QUEUE);
        ArrayBlockingQueue<byte[]> toClient = new ArrayBlockingQueue<>(QUEUE);
        server = new End(toServer, toClient);
        client = new End(toClient, toServer);
    }

    public DatagramTransport serverEnd() {
        return server;
    }

    public DatagramTransport clientEnd() {
        return client;
    }

    private record End(ArrayBlockingQueue<byte[]> in, ArrayBlockingQueue<byte[]> out) implements DatagramTransport {
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
            byte[] datagram;
            try {
                datagram = in.poll(waitMillis, TimeUnit.MILLISECONDS);
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
        public void send(byte[] buf, int off, int len) {
            out.offer(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void close() {
        }
    }
}
