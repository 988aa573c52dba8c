package dev.vireo.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 4588 RTX wrapping and the transport-wide sequence number element, in place with headroom. */
class RtxAndTransportSequenceTest {
    /** A 12-byte header, a one-byte-form block with a 1-byte element (id 1), then a 6-byte payload. */
    private static byte[] packet() {
        byte[] b = new byte[64];
        int off = 16;
        RtpPacket.writeHeader(b, off, 96, true, 0x1234, 0xCAFEBABEL, 0x11111111);
        b[off] |= 0x10;
        byte[] ext = {(byte) 0xBE, (byte) 0xDE, 0, 1, 0x10, 0x7F, 0, 0};
        System.arraycopy(ext, 0, b, off + 12, ext.length);
        byte[] payload = {1, 2, 3, 4, 5, 6};
        System.arraycopy(payload, 0, b, off + 20, payload.length);
        return b;
    }

    @Test
    void rtxRoundTrip() {
        byte[] b = packet();
        byte[] original = Arrays.copyOfRange(b, 16, 42);
        int at = RtxPacket.wrap(b, 16, 26, 0x22222222, 7, 97);
        assertEquals(14, at);
        assertEquals(0x22222222, RtpPacket.ssrc(b, at));
        assertEquals(7, RtpPacket.sequenceNumber(b, at));
        assertEquals(97, RtpPacket.payloadType(b, at));
        assertTrue(RtpPacket.marker(b, at));
        assertEquals(0x1234, RtxPacket.originalSequenceNumber(b, at, 28));
        assertTrue(RtpPacket.isValid(b, at, 28));
        int back = RtxPacket.unwrap(b, at, 28, 0x11111111, 96);
        assertEquals(16, back);
        assertArrayEquals(original, Arrays.copyOfRange(b, 16, 42));
    }

    @Test
    void paddingOnlyRtxHasNoOriginal() {
        byte[] b = new byte[64];
        RtpPacket.writeHeader(b, 16, 97, false, 1, 0, 5);
        b[16] |= 0x20;
        b[16 + 12 + 3] = 4; // 4 bytes of padding
        assertEquals(-1, RtxPacket.unwrap(b, 16, 16, 1, 96));
    }

    @Test
    void stampOverwritesAnExistingElement() {
        byte[] b = packet();
        b[16 + 16] = 0x31; // id 3, 2 bytes of data, then a padding byte
        b[16 + 17] = 0;
        b[16 + 18] = 0;
        assertEquals(0, TransportSequenceNumber.stamp(b, 16, 26, 3, 0xBEEF));
        assertEquals(0xBEEF, TransportSequenceNumber.read(b, 16, 26, 3));
    }

    @Test
    void stampInsertsIntoAnExistingBlockWithoutMovingThePayload() {
        byte[] b = packet();
        int grown = TransportSequenceNumber.stamp(b, 16, 26, 3, 0xABCD);
        assertEquals(4, grown);
        int off = 12;
        assertTrue(RtpPacket.isValid(b, off, 30));
        assertEquals(0xABCD, TransportSequenceNumber.read(b, off, 30, 3));
        assertEquals(0x7F, b[HeaderExtensions.find(b, off, 30, 1)]);
        assertEquals(0x1234, RtpPacket.sequenceNumber(b, off));
        assertEquals(1, b[off + RtpPacket.headerLength(b, off, 30)], "payload starts where it did");
    }

    @Test
    void stampAddsABlockWhenThereIsNone() {
        byte[] b = new byte[64];
        RtpPacket.writeHeader(b, 16, 111, false, 9, 0, 5);
        b[28] = 42;
        assertEquals(8, TransportSequenceNumber.stamp(b, 16, 13, 3, 77));
        assertTrue(RtpPacket.isValid(b, 8, 21));
        assertEquals(77, TransportSequenceNumber.read(b, 8, 21, 3));
        assertEquals(42, b[8 + RtpPacket.headerLength(b, 8, 21)]);
    }
}
