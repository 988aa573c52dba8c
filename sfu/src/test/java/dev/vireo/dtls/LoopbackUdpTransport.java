package dev.vireo.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/**
 * A BouncyCastle datagram transport on a UDP socket bound to 127.0.0.1. As a server it answers whoever sent the
 * first datagram; it never sends anywhere but loopback.
 */
final class LoopbackUdpTransport implements TestDatagramTransport, AutoCloseable {
    private final DatagramSocket socket;
    private volatile InetSocketAddress peer;

    LoopbackUdpTransport() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        socket.setSoTimeout(Math.max(1, waitMillis));
        DatagramPacket packet = new DatagramPacket(buf, off, len);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return -1;
        }
        if (peer == null) {
            peer = (InetSocketAddress) packet.getSocketAddress();
        }
        return packet.getLength();
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        InetSocketAddress to = peer;
        if (to == null || !to.getAddress().isLoopbackAddress()) {
            throw new IOException("no loopback peer yet");
        }
        socket.send(new DatagramPacket(buf, off, len, to));
    }

    @Override
    public void close() {
        socket.close();
    }
}
