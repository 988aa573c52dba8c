package dev.vireo.bench.floor;

import dev.vireo.buffer.PacketBuffer;
import dev.vireo.rtp.RtpPacket;
import dev.vireo.srtp.SrtpKeyingMaterial;
import dev.vireo.srtp.SrtpProfile;
import dev.vireo.srtp.SrtpSession;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The least a forwarding SFU must do per packet, and nothing else: receive a datagram on one socket, and for each
 * of N receivers copy it, give it that receiver's SSRC, protect it with that receiver's own SRTP session (Vireo's
 * {@link SrtpSession}, AES-128-GCM, as Chromium negotiates) and send it from one socket. No ICE, DTLS, RTCP, layer
 * selection, rewriting, queues or threads. Run as its own process by {@link FloorBench}, so its CPU time is measured
 * the way the SFU's is: what it costs on this machine to push one forwarded packet through SRTP and the kernel.
 *
 * <p>Arguments: {@code srtp} or {@code plain} (no SRTP: the kernel's part alone), then the receivers' UDP ports on
 * 127.0.0.1. Prints {@code port N} (where to send) and runs until killed.
 */
public final class FloorForwarder {
    private FloorForwarder() {
    }

    public static void main(String[] args) throws IOException {
        boolean srtp = args[0].equals("srtp");
        List<InetSocketAddress> receivers = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            receivers.add(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[i])));
        }
        int n = receivers.size();
        SrtpSession[] sessions = new SrtpSession[n];
        PacketBuffer[] copies = new PacketBuffer[n];
        // Sent from a direct buffer, as the SFU's SharedPortSender does: a heap buffer costs the JDK one more copy.
        ByteBuffer staging = ByteBuffer.allocateDirect(2048);
        for (int i = 0; i < n; i++) {
            byte[] key = new byte[16];
            byte[] salt = new byte[12];
            key[0] = (byte) i;
            sessions[i] = new SrtpSession(new SrtpKeyingMaterial(SrtpProfile.AEAD_AES_128_GCM, key, salt, key, salt));
            copies[i] = PacketBuffer.unpooled();
        }
        PacketBuffer in = PacketBuffer.unpooled();
        ByteBuffer inView = ByteBuffer.wrap(in.array());
        try (DatagramChannel socket = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            System.out.println("port " + ((InetSocketAddress) socket.getLocalAddress()).getPort());
            System.out.flush();
            while (true) {
                inView.clear().position(PacketBuffer.HEADROOM).limit(PacketBuffer.HEADROOM + PacketBuffer.MAX_PACKET);
                socket.receive(inView);
                int len = inView.position() - PacketBuffer.HEADROOM;
                in.setRange(PacketBuffer.HEADROOM, len);
                if (!RtpPacket.isValid(in.array(), in.offset(), len)) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    PacketBuffer copy = copies[i];
                    copy.copyFrom(in.array(), in.offset(), len);
                    RtpPacket.setSsrc(copy.array(), copy.offset(), 0x1000 + i);
                    if (!srtp || sessions[i].protectRtp(copy)) {
                        staging.clear();
                        staging.put(copy.array(), copy.offset(), copy.length()).flip();
                        socket.send(staging, receivers.get(i));
                    }
                }
            }
        }
    }
}
