package dev.vireo.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.vireo.stun.MessageIntegrity;
import dev.vireo.stun.StunMessageType;
import dev.vireo.stun.StunMessageWriter;
import dev.vireo.stun.StunVectors;

/** Which datagrams make a new source known: binding requests naming a ufrag, and nothing else. */
class SharedPortReceiverTest {
    private static final byte[] ID = new byte[12];

    @Test
    void theLocalUfragIsTheUsernameBeforeTheColon() {
        assertEquals("evtj", SharedPortReceiver.requestedUfrag(StunVectors.REQUEST, 0, StunVectors.REQUEST.length));
        byte[] request = request("sfuUfrag:browserUfrag");
        assertEquals("sfuUfrag", SharedPortReceiver.requestedUfrag(request, 0, request.length));
        byte[] shifted = new byte[request.length + 5];
        System.arraycopy(request, 0, shifted, 5, request.length);
        assertEquals("sfuUfrag", SharedPortReceiver.requestedUfrag(shifted, 5, request.length));
    }

    @Test
    void anythingButABindingRequestWithAUsernameMakesNoSourceKnown() {
        byte[] noColon = request("sfuUfrag");
        byte[] emptyLocal = request(":browserUfrag");
        byte[] noUsername = new StunMessageWriter().reset(StunMessageType.BINDING_REQUEST, ID, 0).toByteArray();
        byte[] indication = new StunMessageWriter().reset(StunMessageType.BINDING_INDICATION, ID, 0)
                .username("sfuUfrag:browserUfrag").toByteArray();
        byte[] response = new StunMessageWriter().reset(StunMessageType.BINDING_SUCCESS_RESPONSE, ID, 0)
                .username("sfuUfrag:browserUfrag").toByteArray();
        byte[] rtp = {(byte) 0x80, 96, 0, 1, 0, 0, 0, 1, 0x11, 0x22, 0x33, 0x44, 0, 0, 0, 0, 0, 0, 0, 0};
        for (byte[] datagram : new byte[][] {noColon, emptyLocal, noUsername, indication, response, rtp}) {
            assertNull(SharedPortReceiver.requestedUfrag(datagram, 0, datagram.length), Arrays.toString(datagram));
        }
        byte[] request = request("sfuUfrag:browserUfrag");
        for (int len = 0; len < request.length; len += 7) {
            assertNull(SharedPortReceiver.requestedUfrag(request, 0, len), "cut to " + len);
        }
        byte[] badFingerprint = request.clone();
        badFingerprint[badFingerprint.length - 1] ^= 1;
        assertNull(SharedPortReceiver.requestedUfrag(badFingerprint, 0, badFingerprint.length));
    }

    private static byte[] request(String username) {
        return new StunMessageWriter().reset(StunMessageType.BINDING_REQUEST, ID, 0).username(username)
                .priority(1).messageIntegrity(new MessageIntegrity("password-of-the-sfu")).fingerprint()
                .toByteArray();
    }
}
