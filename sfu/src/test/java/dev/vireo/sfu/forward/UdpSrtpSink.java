package dev.vireo.sfu.forward;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.srtp.SrtpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A subscriber's send side without ICE: real SRTP protection (none when the session is null) and a real UDP send to a
 * loopback socket. Stands in for the ICE-selected pair in tests that exercise the forward path alone.
 */
final class UdpSrtpSink implements PacketSink, AutoCloseable {
    private final SrtpSession srtp;
    private final BufferPool pool;
    private final DatagramChannel channel;
    private final ByteBuffer staging = ByteBuffer.allocateDirect(PacketBuffer.CAPACITY);
    long packetsSent;

    UdpSrtpSink(SrtpSession srtp, BufferPool pool, InetSocketAddress to) {
        this.srtp = srtp;
        this.pool = pool;
        try {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.connect(to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void sendRtp(PacketBuffer packet) {
        if (srtp == null || srtp.protectRtp(packet)) {
            send(packet);
        }
        packet.release();
    }

    @Override
    public void sendRtcp(PacketBuffer packet) {
        if (srtp == null || srtp.protectRtcp(packet)) {
            send(packet);
        }
        packet.release();
    }

    private void send(PacketBuffer packet) {
        staging.clear();
        staging.put(packet.array(), packet.offset(), packet.length()).flip();
        try {
            channel.write(staging);
            packetsSent++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public PacketBuffer takeBuffer() {
        return pool.take();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
