package dev.vireo.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.srtp.SrtpProfile;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.tls.DatagramTransport;
import org.junit.jupiter.api.Test;

/** The in-memory link the start-up warm-up and the handshake benchmark run DTLS over. */
class MemoryLinkTest {
    @Test
    void carriesDatagramsBothWaysInOrder() throws Exception {
        MemoryLink link = new MemoryLink();
        link.clientEnd().send(new byte[] {9, 1, 2, 9}, 1, 2);
        link.clientEnd().send(new byte[] {3}, 0, 1);
        link.serverEnd().send(new byte[] {4, 5}, 0, 2);
        assertArrayEquals(new byte[] {1, 2}, receive(link.serverEnd()));
        assertArrayEquals(new byte[] {3}, receive(link.serverEnd()));
        assertArrayEquals(new byte[] {4, 5}, receive(link.clientEnd()));
        assertEquals(-1, link.serverEnd().receive(new byte[16], 0, 16, 10), "nothing more was sent");
    }

    @Test
    void carriesAWholeHandshakeToTheSameKeys() throws Exception {
        DtlsCertificate server = DtlsCertificate.generate();
        DtlsCertificate client = DtlsCertificate.generate();
        List<SrtpProfile> profiles = List.of(SrtpProfile.values());
        MemoryLink link = new MemoryLink();
        CompletableFuture<DtlsResult> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return DtlsServer.accept(link.serverEnd(), server, client.fingerprint(), profiles);
            } catch (DtlsException e) {
                throw new IllegalStateException(e);
            }
        });
        DtlsResult connected = DtlsClient.connect(link.clientEnd(), client, server.fingerprint(), profiles);
        DtlsResult serverResult = accepted.get();
        assertEquals(serverResult.keys().profile(), connected.keys().profile());
        assertArrayEquals(serverResult.keys().localKey(), connected.keys().remoteKey());
        assertArrayEquals(serverResult.keys().remoteSalt(), connected.keys().localSalt());
    }

    private static byte[] receive(DatagramTransport end) throws Exception {
        byte[] buf = new byte[1500];
        int n = end.receive(buf, 0, buf.length, 1000);
        return Arrays.copyOf(buf, n);
    }
}
