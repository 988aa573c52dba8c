package dev.vireo.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** RFC 5769 test vectors, round trips and refusals. */
class StunMessageTest {
    private static final String PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
    private static final byte[] TRANSACTION_ID = StunVectors.hex("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae");

    @Test
    void rfc5769SampleRequest() throws Exception {
        StunMessage m = StunMessage.parse(StunVectors.REQUEST, 0, StunVectors.REQUEST.length);
        assertEquals(StunMessageType.BINDING_REQUEST, m.type());
        assertEquals(StunMessageType.BINDING, m.method());
        assertEquals(StunMessageType.MessageClass.REQUEST, m.messageClass());
        assertTrue(m.hasTransactionId(TRANSACTION_ID, 0));
        assertEquals("evtj:h6vY", m.username());
        assertTrue(m.usernameStartsWith("evtj".getBytes()));
        assertFalse(m.usernameStartsWith("evt".getBytes()));
        assertEquals(0x6e0001ffL, m.priority());
        assertTrue(m.hasIceControlled());
        assertEquals(0x932ff9b151263b36L, m.iceControlled());
        assertFalse(m.hasIceControlling());
        assertFalse(m.useCandidate());
        assertTrue(m.hasFingerprint());
        assertEquals(-1, m.unknownComprehensionRequired());
        assertTrue(new MessageIntegrity(PASSWORD).verify(m));
        assertFalse(new MessageIntegrity(PASSWORD + "x").verify(m));
    }

    @Test
    void rfc5769SampleIpv4Response() throws Exception {
        StunMessage m = StunMessage.parse(StunVectors.IPV4_RESPONSE, 0, StunVectors.IPV4_RESPONSE.length);
        assertEquals(StunMessageType.BINDING_SUCCESS_RESPONSE, m.type());
        assertEquals(StunMessageType.MessageClass.SUCCESS_RESPONSE, m.messageClass());
        XorMappedAddress mapped = m.xorMappedAddress();
        assertEquals(InetAddress.getByName("192.0.2.1"), mapped.address());
        assertEquals(32853, mapped.port());
        assertTrue(new MessageIntegrity(PASSWORD).verify(m));

        // our bytes for the same attribute are the RFC's
        byte[] written = new byte[StunVectors.IPV4_RESPONSE.length];
        System.arraycopy(StunVectors.IPV4_RESPONSE, 0, written, 0, 20);
        assertEquals(12, mapped.writeTo(written, 0, 36));
        assertArrayEquals(Arrays.copyOfRange(StunVectors.IPV4_RESPONSE, 36, 48), Arrays.copyOfRange(written, 36, 48));
    }

    @Test
    void rfc5769SampleIpv6Response() throws Exception {
        StunMessage m = StunMessage.parse(StunVectors.IPV6_RESPONSE, 0, StunVectors.IPV6_RESPONSE.length);
        XorMappedAddress mapped = m.xorMappedAddress();
        assertEquals(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), mapped.address());
        assertEquals(32853, mapped.port());
        assertTrue(new MessageIntegrity(PASSWORD).verify(m));

        byte[] written = new byte[StunVectors.IPV6_RESPONSE.length];
        System.arraycopy(StunVectors.IPV6_RESPONSE, 0, written, 0, 20);
        assertEquals(24, mapped.writeTo(written, 0, 36));
        assertArrayEquals(Arrays.copyOfRange(StunVectors.IPV6_RESPONSE, 36, 60), Arrays.copyOfRange(written, 36, 60));
    }

    @Test
    void writesTheSampleRequestsAttributesAsTheRfcDoes() throws Exception {
        // Without SOFTWARE (we never send it) and with zero padding, our request carries the RFC's attribute bytes;
        // integrity and fingerprint differ only because the bytes they cover do, and both verify.
        byte[] ours = new StunMessageWriter().reset(StunMessageType.BINDING_REQUEST, TRANSACTION_ID, 0)
                .priority(0x6e0001ffL).iceControlled(0x932ff9b151263b36L).username("evtj:h6vY")
                .messageIntegrity(new MessageIntegrity(PASSWORD)).fingerprint().toByteArray();
        assertEquals(StunVectors.REQUEST.length - 20, ours.length);
        assertArrayEquals(StunVectors.hex("00 01 00 44 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae"),
                Arrays.copyOf(ours, 20));
        assertArrayEquals(Arrays.copyOfRange(StunVectors.REQUEST, 40, 73), Arrays.copyOfRange(ours, 20, 53),
                "PRIORITY, ICE-CONTROLLED and USERNAME");
        assertArrayEquals(StunVectors.hex("00 00 00"), Arrays.copyOfRange(ours, 53, 56), "zero padding");
        StunMessage m = StunMessage.parse(ours, 0, ours.length);
        assertTrue(new MessageIntegrity(PASSWORD).verify(m));
        assertEquals("evtj:h6vY", m.username());
    }

    @Test
    void rewritesTheSampleRequestByteForByteWhenPaddingIsReplaced() throws Exception {
        // The RFC's padding is spaces: with zeros in its place and the RFC's SOFTWARE dropped, recomputing MI and
        // FINGERPRINT over the edited bytes must give exactly what our writer writes.
        byte[] edited = new byte[StunVectors.REQUEST.length - 20];
        System.arraycopy(StunVectors.REQUEST, 0, edited, 0, 20);
        System.arraycopy(StunVectors.REQUEST, 40, edited, 20, StunVectors.REQUEST.length - 40);
        edited[3] = 0x44;
        edited[53] = edited[54] = edited[55] = 0;
        new MessageIntegrity(PASSWORD).writeTo(edited, 0, 56);
        XorMappedAddress.writeShort(edited, 2, 0x44);
        StunFingerprint.writeTo(edited, 0, 80);
        byte[] ours = new StunMessageWriter().reset(StunMessageType.BINDING_REQUEST, TRANSACTION_ID, 0)
                .priority(0x6e0001ffL).iceControlled(0x932ff9b151263b36L).username("evtj:h6vY")
                .messageIntegrity(new MessageIntegrity(PASSWORD)).fingerprint().toByteArray();
        assertArrayEquals(edited, ours);
    }

    @Test
    void roundTripOfEveryAttribute() throws Exception {
        byte[] id = StunVectors.hex("01 02 03 04 05 06 07 08 09 0a 0b 0c");
        MessageIntegrity key = new MessageIntegrity("secret-password-22chars");
        StunMessageWriter w = new StunMessageWriter().reset(StunMessageType.BINDING_ERROR_RESPONSE, id, 0)
                .username("remote:local").priority(0xFFFF_FFFFL).useCandidate().iceControlling(-2L)
                .xorMappedAddress(new XorMappedAddress(InetAddress.getByName("::1"), 65535))
                .errorCode(new ErrorCode(487, "Role Conflict")).messageIntegrity(key).fingerprint();
        byte[] buf = new byte[w.size() + 7];
        assertEquals(w.size(), w.writeTo(buf, 7));
        StunMessage m = StunMessage.parse(buf, 7, w.size());
        assertEquals(StunMessageType.MessageClass.ERROR_RESPONSE, m.messageClass());
        assertTrue(m.hasTransactionId(id, 0));
        assertEquals("remote:local", m.username());
        assertEquals(0xFFFF_FFFFL, m.priority());
        assertTrue(m.useCandidate());
        assertEquals(-2L, m.iceControlling());
        assertEquals(new XorMappedAddress(InetAddress.getByName("::1"), 65535), m.xorMappedAddress());
        assertEquals(new ErrorCode(487, "Role Conflict"), m.errorCode());
        assertTrue(key.verify(m));

        StunMessage bare = StunMessage.parse(new StunMessageWriter().reset(StunMessageType.BINDING_INDICATION, id, 0)
                .toByteArray(), 0, 20);
        assertEquals(StunMessageType.MessageClass.INDICATION, bare.messageClass());
        assertNull(bare.username());
        assertNull(bare.xorMappedAddress());
        assertEquals(-1, bare.priority());
        assertFalse(key.verify(bare), "no MESSAGE-INTEGRITY is no proof");
    }

    @Test
    void messageTypeBitsInterleaveMethodAndClass() {
        for (StunMessageType.MessageClass c : StunMessageType.MessageClass.values()) {
            for (int method : new int[] {0x001, 0x003, 0x00F, 0xFFF}) {
                int type = StunMessageType.of(method, c);
                assertEquals(method, StunMessageType.method(type));
                assertEquals(c, StunMessageType.messageClass(type));
            }
        }
        assertEquals(0x0111, StunMessageType.of(1, StunMessageType.MessageClass.ERROR_RESPONSE));
        assertEquals(0x0011, StunMessageType.of(1, StunMessageType.MessageClass.INDICATION));
    }

    @Test
    void refusesATamperedMessageOrWrongKey() throws Exception {
        byte[] tampered = StunVectors.REQUEST.clone();
        tampered[45] ^= 1; // PRIORITY's value
        assertThrows(StunException.class, () -> StunMessage.parse(tampered, 0, tampered.length),
                "the fingerprint no longer matches");

        // fix the fingerprint: now only MESSAGE-INTEGRITY catches it
        StunFingerprint.writeTo(tampered, 0, StunVectors.REQUEST.length - 8);
        StunMessage m = StunMessage.parse(tampered, 0, tampered.length);
        assertFalse(new MessageIntegrity(PASSWORD).verify(m));

        byte[] badFingerprint = StunVectors.REQUEST.clone();
        badFingerprint[StunVectors.REQUEST.length - 1] ^= 1;
        assertThrows(StunException.class, () -> StunMessage.parse(badFingerprint, 0, badFingerprint.length));
    }

    @Test
    void refusesTruncatedAndMalformedMessages() {
        for (int len = 0; len < StunVectors.REQUEST.length; len++) {
            int n = len;
            assertThrows(StunException.class, () -> StunMessage.parse(StunVectors.REQUEST, 0, n), "length " + n);
        }
        byte[] noCookie = StunVectors.IPV4_RESPONSE.clone();
        noCookie[4] = 0;
        assertThrows(StunException.class, () -> StunMessage.parse(noCookie, 0, noCookie.length));
        byte[] overrun = StunVectors.hex("00 01 00 08 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 06 00 09 61 62 63 64");
        assertThrows(StunException.class, () -> StunMessage.parse(overrun, 0, overrun.length));
        byte[] badPriority = StunVectors.hex("00 01 00 08 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 24 00 03 61 62 63 00");
        assertThrows(StunException.class, () -> StunMessage.parse(badPriority, 0, badPriority.length));
        assertThrows(StunException.class, () -> StunMessage.parse(StunVectors.REQUEST, 5, StunVectors.REQUEST.length));
        assertThrows(StunException.class, () -> StunMessage.parse(StunVectors.REQUEST, -1, 20));
    }

    @Test
    void flagsUnknownComprehensionRequiredAttributes() throws Exception {
        byte[] msg = StunVectors.hex("00 01 00 08 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 7f 00 04 01 02 03 04");
        assertEquals(0x7f, StunMessage.parse(msg, 0, msg.length).unknownComprehensionRequired());
        byte[] optional = StunVectors.hex("00 01 00 08 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 c0 57 00 04 01 02 03 04");
        assertEquals(-1, StunMessage.parse(optional, 0, optional.length).unknownComprehensionRequired());
    }

}
