package dev.vireo.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.vireo.dtls.DtlsCertificate;
import dev.vireo.stun.MessageIntegrity;
import dev.vireo.stun.StunMessage;
import dev.vireo.stun.StunMessageType;
import dev.vireo.stun.StunMessageWriter;

/** A transport answers the peer's connectivity checks (RFC 8445 §7.3) from the moment it exists, and only valid ones. */
class StunAnsweringTest {
    @Test
    void answersAValidCheckWithItsSourceAddressSignedWithOurPassword() throws Exception {
        try (PeerReactor reactor = new PeerReactor("stun");
             DatagramChannel remote = DatagramChannel.open()
                     .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            PeerTransport t = reactor.newTransport(DtlsCertificate.generate(), null, null);
            remote.configureBlocking(false);
            byte[] id = new byte[12];
            ThreadLocalRandom.current().nextBytes(id);

            send(remote, t, request(id, t.localUfrag() + ":them", new MessageIntegrity(t.localPassword())));
            byte[] answer = receive(remote, 2000);
            StunMessage m = StunMessage.parse(answer, 0, answer.length);
            assertEquals(StunMessageType.BINDING_SUCCESS_RESPONSE, m.type());
            assertTrue(m.hasTransactionId(id, 0));
            assertEquals(remote.getLocalAddress(), m.xorMappedAddress().toSocketAddress());
            assertTrue(new MessageIntegrity(t.localPassword()).verify(m), "signed with our password");
            assertTrue(m.hasFingerprint());

            // wrong password, or a username for someone else: no answer at all
            send(remote, t, request(id, t.localUfrag() + ":them", new MessageIntegrity("not-the-password-at-all")));
            send(remote, t, request(id, "zzzz:them", new MessageIntegrity(t.localPassword())));
            assertNull(receive(remote, 300));
        }
    }

    private static byte[] request(byte[] id, String username, MessageIntegrity key) {
        return new StunMessageWriter().reset(StunMessageType.BINDING_REQUEST, id, 0).username(username)
                .priority(1).iceControlled(7).messageIntegrity(key).fingerprint().toByteArray();
    }

    private static void send(DatagramChannel from, PeerTransport to, byte[] message) throws Exception {
        from.send(ByteBuffer.wrap(message), to.localAddress());
    }

    private static byte[] receive(DatagramChannel channel, long millis) throws Exception {
        ByteBuffer in = ByteBuffer.allocate(1500);
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (channel.receive(in) != null) {
                in.flip();
                byte[] out = new byte[in.remaining()];
                in.get(out);
                return out;
            }
            Thread.sleep(5);
        }
        return null;
    }
}
