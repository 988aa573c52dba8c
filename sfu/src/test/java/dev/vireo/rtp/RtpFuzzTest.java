package dev.vireo.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz targets for the RTP accessors and header extension parsing. Under plain {@code mvn test} they replay the
 * inputs in {@code RtpFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} they fuzz. Each input is placed at an
 * offset inside junk bytes, so reads outside {@code [off, off + len)} would show.
 */
class RtpFuzzTest {
    private static final int OFF = 3;
    private static final byte[] IDENTITY = new byte[256];
    private static final byte[] SCRAMBLE = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            IDENTITY[i] = (byte) i;
            SCRAMBLE[i] = (byte) (i * 37 + 11);
        }
        SCRAMBLE[5] = 0;
    }

    @FuzzTest
    void rtpPacket(FuzzedDataProvider data) {
        byte[] packet = data.consumeRemainingAsBytes();
        byte[] b = HexFixture.embed(packet, OFF);
        byte[] original = b.clone();
        int len = packet.length;

        MuxedPacketType.of(b, OFF, len);
        if (!RtpPacket.isValid(b, OFF, len)) {
            assertEquals(-1, HeaderExtensions.find(b, OFF, len, 1));
            HeaderExtensions.remapIds(b, OFF, len, SCRAMBLE);
            assertArrayEquals(original, b, "an invalid packet is left alone");
            return;
        }
        int header = RtpPacket.headerLength(b, OFF, len);
        int padding = RtpPacket.paddingLength(b, OFF, len);
        assertTrue(header >= RtpPacket.FIXED_HEADER_LENGTH && padding >= 0 && header + padding <= len);
        assertEquals(len - header - padding, RtpPacket.payloadLength(b, OFF, len));
        RtpPacket.payloadType(b, OFF);
        RtpPacket.sequenceNumber(b, OFF);
        RtpPacket.timestamp(b, OFF);
        RtpPacket.ssrc(b, OFF);
        RtpPacket.extensionProfile(b, OFF);

        for (int id = 0; id < 256; id++) {
            int at = HeaderExtensions.find(b, OFF, len, id);
            int length = HeaderExtensions.findLength(b, OFF, len, id);
            assertEquals(at < 0, length < 0);
            if (at >= 0) {
                assertTrue(at >= OFF + RtpPacket.FIXED_HEADER_LENGTH + 4 && at + length <= OFF + header);
            }
        }
        List<String> before = elements(b, len);
        HeaderExtensions.remapIds(b, OFF, len, IDENTITY);
        assertArrayEquals(original, b, "the identity map changes nothing");
        HeaderExtensions.remapIds(b, OFF, len, SCRAMBLE);
        assertEquals(before, elements(b, len), "remapping keeps every element's place and size");
        for (int i = 0; i < b.length; i++) {
            if (i < OFF || i >= OFF + header) {
                assertEquals(original[i], b[i], "remapping writes only inside the header, byte " + i);
            }
        }
    }

    private static List<String> elements(byte[] b, int len) {
        HeaderExtensions.Cursor cursor = new HeaderExtensions.Cursor();
        List<String> seen = new ArrayList<>();
        if (cursor.reset(b, OFF, len)) {
            while (cursor.next()) {
                assertTrue(cursor.dataOffset() >= OFF && cursor.dataOffset() + cursor.dataLength() <= OFF + len);
                seen.add(cursor.dataOffset() + "+" + cursor.dataLength());
            }
        }
        return seen;
    }

    @FuzzTest
    void unwrappers(FuzzedDataProvider data) {
        SequenceNumberUnwrapper seq = new SequenceNumberUnwrapper();
        TimestampUnwrapper ts = new TimestampUnwrapper();
        long lastSeq = 0;
        long lastTs = 0;
        boolean first = true;
        while (data.remainingBytes() >= 6) {
            int s = data.consumeInt(0, 0xFFFF);
            long t = data.consumeLong(0, 0xFFFF_FFFFL);
            long us = seq.unwrap(s);
            long ut = ts.unwrap(t);
            assertEquals(s, us & 0xFFFF);
            assertEquals(t, ut & 0xFFFF_FFFFL);
            if (!first) {
                assertTrue(Math.abs(us - lastSeq) <= 0x8000, "nearest value");
                assertTrue(Math.abs(ut - lastTs) <= 0x8000_0000L, "nearest value");
            }
            first = false;
            lastSeq = us;
            lastTs = ut;
        }
    }
}
