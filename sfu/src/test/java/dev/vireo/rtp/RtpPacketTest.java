package dev.vireo.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtpPacketTest {
    private static final int OFF = 5;

    @Test
    void readsChromiumVp8Packet() {
        byte[] packet = HexFixture.load("/dev/vireo/rtp/chromium-vp8-keyframe.hex");
        byte[] b = HexFixture.embed(packet, OFF);
        int len = packet.length;

        assertTrue(RtpPacket.isValid(b, OFF, len));
        assertEquals(2, RtpPacket.version(b, OFF));
        assertFalse(RtpPacket.marker(b, OFF));
        assertEquals(96, RtpPacket.payloadType(b, OFF));
        assertEquals(4660, RtpPacket.sequenceNumber(b, OFF));
        assertEquals(1234567L, RtpPacket.timestamp(b, OFF));
        assertEquals(0x1a2b3c4d, RtpPacket.ssrc(b, OFF));
        assertEquals(0, RtpPacket.csrcCount(b, OFF));
        assertEquals(12, RtpPacket.extensionOffset(b, OFF));
        assertEquals(0xBEDE, RtpPacket.extensionProfile(b, OFF));
        assertEquals(12, RtpPacket.extensionLength(b, OFF));
        assertEquals(28, RtpPacket.headerLength(b, OFF, len));
        assertEquals(0, RtpPacket.paddingLength(b, OFF, len));
        assertEquals(len - 28, RtpPacket.payloadLength(b, OFF, len));
        assertEquals((byte) 0x90, b[OFF + 28], "payload starts with the VP8 descriptor");
    }

    @Test
    void readsCsrcsPaddingAndMaximumValues() {
        byte[] packet = HexFixture.load("/dev/vireo/rtp/csrc-padding.hex");
        byte[] b = HexFixture.embed(packet, OFF);
        int len = packet.length;

        assertTrue(RtpPacket.isValid(b, OFF, len));
        assertTrue(RtpPacket.marker(b, OFF));
        assertEquals(96, RtpPacket.payloadType(b, OFF));
        assertEquals(65535, RtpPacket.sequenceNumber(b, OFF));
        assertEquals(0xFFFF_FFFFL, RtpPacket.timestamp(b, OFF));
        assertEquals(0xdeadbeef, RtpPacket.ssrc(b, OFF));
        assertEquals(2, RtpPacket.csrcCount(b, OFF));
        assertEquals(10, RtpPacket.csrc(b, OFF, 0));
        assertEquals(11, RtpPacket.csrc(b, OFF, 1));
        assertEquals(-1, RtpPacket.extensionOffset(b, OFF));
        assertEquals(20, RtpPacket.headerLength(b, OFF, len));
        assertEquals(4, RtpPacket.paddingLength(b, OFF, len));
        assertEquals(3, RtpPacket.payloadLength(b, OFF, len));
    }

    @Test
    void settersChangeOnlyTheirField() {
        byte[] packet = HexFixture.load("/dev/vireo/rtp/csrc-padding.hex");
        byte[] b = HexFixture.embed(packet, OFF);
        byte[] before = b.clone();

        RtpPacket.setPayloadType(b, OFF, 100);
        assertTrue(RtpPacket.marker(b, OFF), "marker kept");
        assertEquals(100, RtpPacket.payloadType(b, OFF));
        RtpPacket.setSequenceNumber(b, OFF, 0x0102);
        RtpPacket.setTimestamp(b, OFF, 0x1_0304_0506L);
        RtpPacket.setSsrc(b, OFF, 0x0708090a);
        RtpPacket.setMarker(b, OFF, false);

        byte[] expected = before.clone();
        expected[OFF + 1] = 100;
        expected[OFF + 2] = 1;
        expected[OFF + 3] = 2;
        expected[OFF + 4] = 3;
        expected[OFF + 5] = 4;
        expected[OFF + 6] = 5;
        expected[OFF + 7] = 6;
        expected[OFF + 8] = 7;
        expected[OFF + 9] = 8;
        expected[OFF + 10] = 9;
        expected[OFF + 11] = 10;
        assertArrayEquals(expected, b);
        assertEquals(0x0304_0506L, RtpPacket.timestamp(b, OFF), "only the low 32 bits are written");
    }

    @Test
    void writtenHeaderReadsBack() {
        byte[] b = new byte[40];
        assertEquals(12, RtpPacket.writeHeader(b, 3, 111, true, 65000, 0xFFFF_FFF0L, -2));
        assertTrue(RtpPacket.isValid(b, 3, 12));
        assertEquals(111, RtpPacket.payloadType(b, 3));
        assertTrue(RtpPacket.marker(b, 3));
        assertEquals(65000, RtpPacket.sequenceNumber(b, 3));
        assertEquals(0xFFFF_FFF0L, RtpPacket.timestamp(b, 3));
        assertEquals(-2, RtpPacket.ssrc(b, 3));
        assertEquals(12, RtpPacket.headerLength(b, 3, 12));
        assertEquals(0, RtpPacket.payloadLength(b, 3, 12));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            shorter than the fixed header   | 80 60 00 01 00 00 00 01 00 00 00
            version 1                       | 40 60 00 01 00 00 00 01 00 00 00 01
            version 3                       | c0 60 00 01 00 00 00 01 00 00 00 01
            CSRC list overruns              | 81 60 00 01 00 00 00 01 00 00 00 01 00 00 00
            extension header overruns       | 90 60 00 01 00 00 00 01 00 00 00 01 be de
            extension block overruns        | 90 60 00 01 00 00 00 01 00 00 00 01 be de 00 02 10 aa 00 00
            padding count zero              | a0 60 00 01 00 00 00 01 00 00 00 01 aa 00
            padding overruns header         | a0 60 00 01 00 00 00 01 00 00 00 01 aa 03
            """)
    void rejectsMalformed(String why, String hex) {
        byte[] b = HexFixture.parse(hex);
        assertFalse(RtpPacket.isValid(b, 0, b.length), why);
    }

    @Test
    void acceptsPaddingOnlyPacketAndRejectsWindowOutsideArray() {
        byte[] b = HexFixture.parse("a0 60 00 01 00 00 00 01 00 00 00 01 00 00 00 04");
        assertTrue(RtpPacket.isValid(b, 0, b.length));
        assertEquals(0, RtpPacket.payloadLength(b, 0, b.length));
        assertFalse(RtpPacket.isValid(b, 1, b.length));
        assertFalse(RtpPacket.isValid(b, -1, 12));
        assertFalse(RtpPacket.isValid(null, 0, 12));
        assertFalse(RtpPacket.isValid(Arrays.copyOf(b, 8), 0, 12));
    }
}
