package dev.vireo.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderExtensionsTest {
    private static final int OFF = 3;

    private static byte[] chromium() {
        return HexFixture.embed(HexFixture.load("/dev/vireo/rtp/chromium-vp8-keyframe.hex"), OFF);
    }

    private static int chromiumLength() {
        return HexFixture.load("/dev/vireo/rtp/chromium-vp8-keyframe.hex").length;
    }

    private static byte[] twoByte() {
        return HexFixture.embed(HexFixture.load("/dev/vireo/rtp/two-byte-extensions.hex"), OFF);
    }

    private static int twoByteLength() {
        return HexFixture.load("/dev/vireo/rtp/two-byte-extensions.hex").length;
    }

    /** Offsets are relative to the packet start; the fixture's annotations give them. */
    @ParameterizedTest(name = "one-byte id {0}")
    @CsvSource({"2, 17, 3", "3, 21, 2", "4, 24, 1", "1, -1, -1", "5, -1, -1", "0, -1, -1", "15, -1, -1",
            "255, -1, -1"})
    void findsOneByteElements(int id, int offset, int length) {
        byte[] b = chromium();
        int found = HeaderExtensions.find(b, OFF, chromiumLength(), id);
        assertEquals(offset < 0 ? -1 : OFF + offset, found);
        assertEquals(length, HeaderExtensions.findLength(b, OFF, chromiumLength(), id));
    }

    @Test
    void readsChromiumValues() {
        byte[] b = chromium();
        int len = chromiumLength();
        int tcc = HeaderExtensions.find(b, OFF, len, 3);
        assertEquals(291, ((b[tcc] & 0xFF) << 8) | (b[tcc + 1] & 0xFF), "transport-wide sequence number");
        int ast = HeaderExtensions.find(b, OFF, len, 2);
        assertEquals(0x4f1a2b, ((b[ast] & 0xFF) << 16) | ((b[ast + 1] & 0xFF) << 8) | (b[ast + 2] & 0xFF));
        assertEquals('0', b[HeaderExtensions.find(b, OFF, len, 4)]);
    }

    @ParameterizedTest(name = "two-byte id {0}")
    @CsvSource({"1, 18, 0", "17, 20, 2", "5, 25, 3", "2, -1, -1", "0, -1, -1"})
    void findsTwoByteElements(int id, int offset, int length) {
        byte[] b = twoByte();
        assertEquals(offset < 0 ? -1 : OFF + offset, HeaderExtensions.find(b, OFF, twoByteLength(), id));
        assertEquals(length, HeaderExtensions.findLength(b, OFF, twoByteLength(), id));
    }

    @Test
    void cursorWalksEveryElement() {
        HeaderExtensions.Cursor cursor = new HeaderExtensions.Cursor();
        assertTrue(cursor.reset(twoByte(), OFF, twoByteLength()));
        assertTrue(cursor.twoByteForm());
        List<String> seen = new ArrayList<>();
        while (cursor.next()) {
            seen.add(cursor.id() + "@" + (cursor.dataOffset() - OFF) + "+" + cursor.dataLength());
        }
        assertEquals(List.of("1@18+0", "17@20+2", "5@25+3"), seen);
        assertFalse(cursor.malformed());

        assertTrue(cursor.reset(chromium(), OFF, chromiumLength()));
        seen.clear();
        while (cursor.next()) {
            seen.add(cursor.id() + "@" + (cursor.dataOffset() - OFF) + "+" + cursor.dataLength());
        }
        assertEquals(List.of("2@17+3", "3@21+2", "4@24+1"), seen);
    }

    @Test
    void remapsOneByteIds() {
        byte[] b = chromium();
        byte[] expected = b.clone();
        byte[] map = new byte[256];
        map[2] = 7;      // abs-send-time: 2 -> 7
        map[3] = 0;      // transport-cc: not negotiated by the receiver -> 14
        map[4] = 20;     // mid: 20 does not fit the one-byte form -> 14
        expected[OFF + 16] = 0x72;
        expected[OFF + 20] = (byte) 0xE1;
        expected[OFF + 23] = (byte) 0xE0;

        HeaderExtensions.remapIds(b, OFF, chromiumLength(), map);

        assertArrayEquals(expected, b);
        assertEquals(OFF + 17, HeaderExtensions.find(b, OFF, chromiumLength(), 7));
        assertEquals(-1, HeaderExtensions.find(b, OFF, chromiumLength(), 2));
    }

    @Test
    void remapsTwoByteIds() {
        byte[] b = twoByte();
        byte[] expected = b.clone();
        byte[] map = new byte[256];
        map[1] = (byte) 200;
        map[17] = 0;
        map[5] = 5;
        expected[OFF + 16] = (byte) 200;
        expected[OFF + 18] = 14;
        expected[OFF + 23] = 5;

        HeaderExtensions.remapIds(b, OFF, twoByteLength(), map);

        assertArrayEquals(expected, b);
    }

    @Test
    void identityMapChangesNothing() {
        byte[] map = new byte[256];
        for (int i = 0; i < 256; i++) {
            map[i] = (byte) i;
        }
        byte[] b = chromium();
        byte[] before = b.clone();
        HeaderExtensions.remapIds(b, OFF, chromiumLength(), map);
        assertArrayEquals(before, b);
        b = twoByte();
        before = b.clone();
        HeaderExtensions.remapIds(b, OFF, twoByteLength(), map);
        assertArrayEquals(before, b);
    }

    @Test
    void idFifteenStopsOneByteParsing() {
        // One-byte block: ID 15 element, then ID 1 with one byte: §4.2 says stop at 15, so ID 1 is not seen.
        byte[] b = HexFixture.parse("90 60 00 01 00 00 00 01 00 00 00 01 be de 00 01 f0 11 aa 00");
        assertTrue(RtpPacket.isValid(b, 0, b.length));
        assertEquals(-1, HeaderExtensions.find(b, 0, b.length, 1));
        byte[] map = new byte[256];
        map[1] = 9;
        byte[] before = b.clone();
        HeaderExtensions.remapIds(b, 0, b.length, map);
        assertArrayEquals(before, b);
    }

    @Test
    void oneByteIdZeroIsPaddingWhateverItsLength() {
        // 0x03: ID 0 with L=3. libwebrtc skips it as one padding byte; so must we, and never remap it.
        byte[] b = HexFixture.parse("90 60 00 01 00 00 00 01 00 00 00 01 be de 00 01 03 10 aa 00");
        assertEquals(18, HeaderExtensions.find(b, 0, b.length, 1));
        assertEquals(1, HeaderExtensions.findLength(b, 0, b.length, 1));
        byte[] map = new byte[256];
        map[1] = 2;
        HeaderExtensions.remapIds(b, 0, b.length, map);
        assertArrayEquals(HexFixture.parse("90 60 00 01 00 00 00 01 00 00 00 01 be de 00 01 03 20 aa 00"), b);
    }

    @Test
    void elementOverrunningTheBlockIsMalformed() {
        // ID 1, L=3 (4 bytes) but only 3 bytes of the block remain.
        byte[] b = HexFixture.parse("90 60 00 01 00 00 00 01 00 00 00 01 be de 00 01 13 aa bb cc dd");
        assertTrue(RtpPacket.isValid(b, 0, b.length));
        assertEquals(-1, HeaderExtensions.find(b, 0, b.length, 1));
        HeaderExtensions.Cursor cursor = new HeaderExtensions.Cursor();
        assertTrue(cursor.reset(b, 0, b.length));
        assertFalse(cursor.next());
        assertTrue(cursor.malformed());
    }

    @Test
    void otherProfilesAndPacketsWithoutExtensionsFindNothing() {
        byte[] noExt = HexFixture.load("/dev/vireo/rtp/csrc-padding.hex");
        assertEquals(-1, HeaderExtensions.find(noExt, 0, noExt.length, 1));
        byte[] otherProfile = HexFixture.parse("90 60 00 01 00 00 00 01 00 00 00 01 ab cd 00 01 10 aa 00 00");
        assertEquals(-1, HeaderExtensions.find(otherProfile, 0, otherProfile.length, 1));
        assertFalse(new HeaderExtensions.Cursor().reset(otherProfile, 0, otherProfile.length));
    }
}
