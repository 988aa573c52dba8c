package dev.vireo.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Sends datagrams from the shared ICE port without going through ice4j's socket layers.
 *
 * <p>ice4j's one-port harvester itself sends through a pool of sockets bound with SO_REUSEADDR to the same address
 * and port, and receives on the one bound last: Linux hands an incoming unicast datagram to the most recently bound
 * of equally specific sockets. These channels are bound the same way but <em>before</em> the harvester, so they never
 * receive, and a peer sees them as the same transport address it checked. Sending here costs one copy into a
 * per-thread direct buffer (the copy the JDK would make into its own temporary direct buffer anyway) and allocates
 * nothing, where {@code DatagramSocket.send} allocates a {@code ByteBuffer} per call and ice4j's path adds more.
 *
 * <p>Several channels spread concurrent senders, since a channel serialises its senders on a lock.
 */
final class SharedPortSender implements AutoCloseable {
    private static final ThreadLocal<ByteBuffer> STAGING =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(2048));

    private final DatagramChannel[] channels;
    private final int port;

    /**
     * Binds {@code count} channels to {@code bind}; port 0 picks a free port, which all channels then share.
     *
     * @throws IOException if the address cannot be bound (for example, a socket without SO_REUSEADDR holds it)
     */
    SharedPortSender(InetSocketAddress bind, int count) throws IOException {
        channels = new DatagramChannel[Math.max(1, count)];
        int boundPort = bind.getPort();
        try {
            for (int i = 0; i < channels.length; i++) {
                DatagramChannel channel = DatagramChannel.open();
                channels[i] = channel;
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(new InetSocketAddress(bind.getAddress(), boundPort));
                boundPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        port = boundPort;
    }

    /** The port every channel is bound to. */
    int port() {
        return port;
    }

    /** Sends {@code buf[off, off + len)} to {@code to}; safe from any number of threads, allocation-free. */
    void send(byte[] buf, int off, int len, InetSocketAddress to) throws IOException {
        ByteBuffer staging = STAGING.get();
        if (len > staging.capacity()) {
            throw new IOException("datagram of " + len + " bytes is larger than " + staging.capacity());
        }
        staging.clear();
        staging.put(buf, off, len).flip();
        DatagramChannel channel = channels[(int) (Thread.currentThread().getId() % channels.length)];
        channel.send(staging, to);
    }

    @Override
    public void close() {
        for (DatagramChannel channel : channels) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing: nothing left to do with it
                }
            }
        }
    }
}
