package dev.vireo.rtcp;

import static dev.vireo.rtcp.Fixtures.OFF;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TransportCcFeedbackTest {
    private static final int[] FIXTURE_STATUS = {1, 2, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1};
    private static final int[] FIXTURE_DELTAS = {4, -16, 0, 8, 0, 0, 16, 1, 2, 3, 4, 5, 32, 0, 0, 0, 255, 1, 0, 2};

    @Test
    void parsesAllChunkKinds() throws RtcpParseException {
        byte[] b = Fixtures.embedded("transport-cc");
        TransportCcFeedback fb = TransportCcFeedback.parse(b, OFF, 44);
        assertEquals(0xfa17fa17, fb.senderSsrc());
        assertEquals(0x12345678, fb.mediaSsrc());
        assertEquals(256, fb.baseSequenceNumber());
        assertEquals(20, fb.packetStatusCount());
        assertEquals(291, fb.referenceTime());
        assertEquals(7, fb.feedbackPacketCount());
        assertEquals(3, fb.chunkCount());
        assertEquals(0xd851, fb.chunk(0));
        assertEquals(0x2005, fb.chunk(1));
        assertEquals(0xa740, fb.chunk(2));
        for (int i = 0; i < 20; i++) {
            assertEquals(FIXTURE_STATUS[i], fb.status(i), "status of packet " + i);
            assertEquals(FIXTURE_DELTAS[i], fb.deltaTicks(i), "delta of packet " + i);
        }
        long[] times = fb.receiveTimesMicros();
        assertEquals(291 * 64_000L + 1_000, times[0]);
        assertEquals(291 * 64_000L + 1_000 - 4_000, times[1]);
        assertEquals(Long.MIN_VALUE, times[2]);
        assertEquals(times[1] + 2_000, times[3]);
        assertEquals(times[17] + 500, times[19]);
    }

    @Test
    void roundTripsByteForByte() throws RtcpParseException {
        byte[] expected = Fixtures.bytes("transport-cc");
        TransportCcFeedback fb = TransportCcFeedback.parse(expected, 0, expected.length);
        assertEquals(44, fb.size());
        byte[] out = new byte[50];
        assertEquals(44, fb.writeTo(out, 2));
        assertArrayEquals(expected, Arrays.copyOfRange(out, 2, 46));
    }

    @Test
    void acceptsZeroPaddingWithoutThePaddingBit() throws RtcpParseException {
        byte[] b = Fixtures.bytes("transport-cc");
        b[0] = (byte) 0x8f;
        b[43] = 0;
        TransportCcFeedback fb = TransportCcFeedback.parse(b, 0, b.length);
        assertEquals(2, fb.deltaTicks(19));
    }

    @Test
    void buildsFromReceiveTimesAndReadsThemBack() throws RtcpParseException {
        long ref = 5 * 64_000L;
        long[] times = new long[40];
        Arrays.fill(times, -1);
        // 10 packets 1 ms apart, 3 lost, one 70 ms late (large delta), one reordered (negative delta), a long run.
        for (int i = 0; i < 10; i++) {
            times[i] = ref + 3_000 + i * 1_000L;
        }
        times[13] = times[9] + 70_000;
        times[14] = times[13] - 2_000;
        for (int i = 15; i < 40; i++) {
            times[i] = times[14] + (i - 14) * 250L;
        }
        TransportCcFeedback fb = TransportCcFeedback.fromReceiveTimes(1, 2, 65530, 9, times);
        byte[] out = new byte[fb.size()];
        fb.writeTo(out, 0);
        TransportCcFeedback back = TransportCcFeedback.parse(out, 0, out.length);

        assertEquals(65530, back.baseSequenceNumber());
        assertEquals(9, back.feedbackPacketCount());
        assertEquals(5, back.referenceTime());
        long[] expected = times.clone();
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] < 0) {
                expected[i] = Long.MIN_VALUE;
            }
        }
        assertArrayEquals(expected, back.receiveTimesMicros());
        assertEquals(TransportCcFeedback.LARGE_DELTA, back.status(13));
        assertEquals(TransportCcFeedback.LARGE_DELTA, back.status(14));
        assertEquals(0, out.length % 4);
    }

    @Test
    void encoderUsesRunLengthForLongRuns() throws RtcpParseException {
        long[] times = new long[1000];
        for (int i = 0; i < times.length; i++) {
            times[i] = i * 500L;
        }
        TransportCcFeedback fb = TransportCcFeedback.fromReceiveTimes(1, 2, 0, 0, times);
        assertEquals(1, fb.chunkCount());
        assertEquals((1 << 13) | 1000, fb.chunk(0));
        byte[] out = new byte[fb.size()];
        fb.writeTo(out, 0);
        assertEquals(1000, TransportCcFeedback.parse(out, 0, out.length).packetStatusCount());
    }

    @Test
    void rejectsTruncatedAndReservedSymbols() {
        byte[] b = Fixtures.bytes("transport-cc");
        byte[] missingDeltas = b.clone();
        missingDeltas[0] = (byte) 0x8f;
        missingDeltas[3] = 0x07; // 32 bytes: chunks fit, deltas do not
        assertThrows(RtcpParseException.class, () -> TransportCcFeedback.parse(missingDeltas, 0, 32));
        byte[] reserved = b.clone();
        reserved[22] = (byte) 0x60; // run length chunk with symbol 11
        assertThrows(RtcpParseException.class, () -> TransportCcFeedback.parse(reserved, 0, reserved.length));
        assertThrows(IllegalArgumentException.class,
                () -> TransportCcFeedback.fromReceiveTimes(1, 2, 0, 0, new long[] {-1, -1}));
        assertThrows(IllegalArgumentException.class,
                () -> TransportCcFeedback.fromReceiveTimes(1, 2, 0, 0, new long[] {0, 9_000_000}));
    }
}
