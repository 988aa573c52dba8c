package dev.vireo.rtcp;

import static dev.vireo.rtcp.Fixtures.OFF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.rtp.HexFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtcpIteratorTest {
    private final RtcpIterator it = new RtcpIterator();

    private List<String> walk(byte[] b, int off, int len) {
        it.reset(b, off, len);
        List<String> seen = new ArrayList<>();
        while (it.next()) {
            seen.add(it.packetType() + "/" + it.countOrFormat() + "@" + (it.offset() - off) + "+" + it.length());
        }
        return seen;
    }

    @Test
    void walksSenderReportAndSdes() {
        byte[] b = Fixtures.embedded("sr-sdes-compound");
        assertEquals(List.of("200/1@0+52", "202/1@52+28"), walk(b, OFF, 80));
        assertFalse(it.malformed());
    }

    @Test
    void walksReceiverReportAndRemb() {
        byte[] b = Fixtures.embedded("rr-remb");
        assertEquals(List.of("201/0@0+8", "206/15@8+28"), walk(b, OFF, 36));
        assertFalse(it.malformed());
    }

    @Test
    void paddedPacketKeepsItsPaddingInLength() {
        byte[] b = Fixtures.embedded("transport-cc");
        assertEquals(List.of("205/15@0+44"), walk(b, OFF, 44));
        it.reset(b, OFF, 44);
        assertTrue(it.next());
        assertEquals(2, it.paddingLength());
    }

    @Test
    void truncatedCompoundYieldsTheGoodPacketsThenStops() {
        byte[] b = Fixtures.embedded("sr-sdes-compound");
        assertEquals(List.of("200/1@0+52"), walk(b, OFF, 79));
        assertTrue(it.malformed());
        assertFalse(it.next(), "stays stopped");
    }

    @Test
    void emptyInputIsNotMalformed() {
        assertEquals(List.of(), walk(new byte[4], 2, 0));
        assertFalse(it.malformed());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            shorter than a header     | 80 c9 00
            version 1                 | 40 c9 00 01 00 00 00 01
            length beyond the data    | 80 c9 00 02 00 00 00 01
            padding count zero        | a0 c9 00 01 00 00 00 00
            padding beyond the packet | a0 c9 00 01 00 00 00 05
            """)
    void stopsAtMalformed(String why, String hex) {
        byte[] b = HexFixture.parse(hex);
        assertEquals(List.of(), walk(b, 0, b.length), why);
        assertTrue(it.malformed(), why);
    }

    @Test
    void windowOutsideTheArrayIsMalformed() {
        it.reset(new byte[8], 4, 8);
        assertFalse(it.next());
        assertTrue(it.malformed());
    }
}
