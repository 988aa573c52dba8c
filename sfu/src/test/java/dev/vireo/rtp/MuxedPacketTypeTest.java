package dev.vireo.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MuxedPacketTypeTest {
    @ParameterizedTest(name = "first {0} second {1} length {2} -> {3}")
    @CsvSource({
            "0, 1, 20, STUN", "3, 0, 100, STUN", "1, 1, 19, UNKNOWN",
            "4, 0, 100, UNKNOWN", "16, 0, 100, UNKNOWN",
            "20, 254, 13, DTLS", "22, 254, 100, DTLS", "63, 0, 100, DTLS", "22, 254, 12, UNKNOWN",
            "64, 0, 100, UNKNOWN", "79, 0, 100, UNKNOWN", "127, 0, 100, UNKNOWN",
            "128, 96, 12, RTP", "144, 111, 1200, RTP", "128, 224, 100, RTP", "128, 191, 100, RTP",
            "128, 96, 11, UNKNOWN",
            "128, 200, 8, RTCP", "129, 201, 100, RTCP", "143, 206, 100, RTCP", "128, 192, 100, RTCP",
            "128, 223, 100, RTCP", "128, 200, 7, UNKNOWN",
            "191, 200, 100, RTCP", "192, 200, 100, UNKNOWN", "255, 0, 100, UNKNOWN"})
    void classifiesByFirstBytes(int first, int second, int length, MuxedPacketType expected) {
        byte[] b = new byte[length + 4];
        b[2] = (byte) first;
        b[3] = (byte) second;
        assertEquals(expected, MuxedPacketType.of(b, 2, length));
    }

    @org.junit.jupiter.api.Test
    void emptyOrOutOfBoundsIsUnknown() {
        assertEquals(MuxedPacketType.UNKNOWN, MuxedPacketType.of(new byte[10], 0, 0));
        assertEquals(MuxedPacketType.UNKNOWN, MuxedPacketType.of(new byte[10], 5, 12));
        assertEquals(MuxedPacketType.UNKNOWN, MuxedPacketType.of(null, 0, 12));
    }
}
