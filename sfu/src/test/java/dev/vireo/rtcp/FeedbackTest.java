package dev.vireo.rtcp;

import static dev.vireo.rtcp.Fixtures.OFF;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** PLI, FIR, Generic NACK and REMB (RFC 4585, RFC 5104, draft-alvestrand-rmcat-remb). */
class FeedbackTest {
    @Test
    void pictureLossIndication() throws RtcpParseException {
        byte[] expected = Fixtures.bytes("pli");
        byte[] b = Fixtures.embedded("pli");
        assertEquals(new PictureLossIndication(1, 0x1a2b3c4d), PictureLossIndication.parse(b, OFF, 12));
        assertEquals(0x1a2b3c4d, PictureLossIndication.mediaSsrc(b, OFF));
        assertEquals(1, RtcpFeedback.senderSsrc(b, OFF));
        byte[] out = new byte[12];
        assertEquals(12, PictureLossIndication.write(out, 0, 1, 0x1a2b3c4d));
        assertArrayEquals(expected, out);
        byte[] again = new byte[12];
        PictureLossIndication.parse(expected, 0, 12).writeTo(again, 0);
        assertArrayEquals(expected, again);
    }

    @Test
    void fullIntraRequest() throws RtcpParseException {
        byte[] expected = Fixtures.bytes("fir");
        byte[] b = Fixtures.embedded("fir");
        FullIntraRequest fir = FullIntraRequest.parse(b, OFF, 20);
        assertEquals(new FullIntraRequest(1, List.of(new FullIntraRequest.Entry(0x1a2b3c4d, 7))), fir);
        assertEquals(0x1a2b3c4d, FullIntraRequest.firstRequestedSsrc(b, OFF, 20));
        assertEquals(1, FullIntraRequest.entryCount(b, OFF, 20));
        assertEquals(0, FullIntraRequest.entryCount(b, OFF, 12));
        byte[] out = new byte[20];
        assertEquals(20, FullIntraRequest.write(out, 0, 1, 0x1a2b3c4d, 7));
        assertArrayEquals(expected, out);
        byte[] again = new byte[fir.size()];
        fir.writeTo(again, 0);
        assertArrayEquals(expected, again);
        byte[] wrongFormat = expected.clone();
        wrongFormat[0] = (byte) 0x81;
        assertThrows(RtcpParseException.class, () -> FullIntraRequest.parse(wrongFormat, 0, 20));
    }

    @Test
    void genericNackExpandsBitmasksAcrossTheWrap() throws RtcpParseException {
        byte[] expected = Fixtures.bytes("generic-nack");
        byte[] b = Fixtures.embedded("generic-nack");
        GenericNack nack = GenericNack.parse(b, OFF, 20);
        assertEquals(new GenericNack(1, 0x1a2b3c4d, List.of(65534, 65535, 1, 32, 48)), nack);
        assertEquals(0x1a2b3c4d, GenericNack.mediaSsrc(b, OFF));
        assertEquals(2, GenericNack.itemCount(b, OFF, 20));
        assertEquals(65534, GenericNack.pid(b, OFF, 0));
        assertEquals(0x0005, GenericNack.blp(b, OFF, 0));
        assertEquals(0x8000, GenericNack.blp(b, OFF, 1));

        byte[] out = new byte[nack.size()];
        nack.writeTo(out, 0);
        assertArrayEquals(expected, out);
        int[] seqs = {65534, 65535, 1, 32, 48, 0, 0};
        assertEquals(20, GenericNack.size(seqs, 5));
        byte[] direct = new byte[20];
        assertEquals(20, GenericNack.write(direct, 0, 1, 0x1a2b3c4d, seqs, 5));
        assertArrayEquals(expected, direct);
    }

    @Test
    void genericNackWriterSplitsItemsAt17() throws RtcpParseException {
        int[] seqs = {100, 116, 117, 200};
        byte[] out = new byte[GenericNack.size(seqs, seqs.length)];
        GenericNack.write(out, 0, 5, 6, seqs, seqs.length);
        assertEquals(3, GenericNack.itemCount(out, 0, out.length));
        assertEquals(List.of(100, 116, 117, 200), GenericNack.parse(out, 0, out.length).lostSequenceNumbers());
    }

    @Test
    void receiverEstimatedMaxBitrate() throws RtcpParseException {
        byte[] compound = Fixtures.bytes("rr-remb");
        byte[] expected = Fixtures.slice(compound, 8, 28);
        byte[] b = Fixtures.embedded("rr-remb");
        assertTrue(ReceiverEstimatedMaxBitrate.isRemb(b, OFF + 8, 28));
        assertFalse(ReceiverEstimatedMaxBitrate.isRemb(b, OFF, 8));
        assertEquals(1234560L, ReceiverEstimatedMaxBitrate.bitrateBps(b, OFF + 8));
        ReceiverEstimatedMaxBitrate remb = ReceiverEstimatedMaxBitrate.parse(b, OFF + 8, 28);
        assertEquals(new ReceiverEstimatedMaxBitrate(1, 1234560L, List.of(0x11223344, 0x55667788)), remb);

        byte[] out = new byte[remb.size()];
        remb.writeTo(out, 0);
        assertArrayEquals(expected, out);
        byte[] direct = new byte[28];
        // 1234567 rounds down to the same mantissa and exponent as Chromium would send.
        assertEquals(28, ReceiverEstimatedMaxBitrate.write(direct, 0, 1, 1234567L,
                new int[] {0x11223344, 0x55667788, 99}, 2));
        assertArrayEquals(expected, direct);
    }

    @Test
    void rembBitrateEncodingTable() throws RtcpParseException {
        long[][] cases = {{0, 0}, {262143, 262143}, {262144, 262144}, {262145, 262144}, {1_000_000_000L, 999_997_440L},
                {Long.MAX_VALUE >>> 1, 0x3FFFFL << 44}};
        for (long[] c : cases) {
            byte[] out = new byte[20];
            ReceiverEstimatedMaxBitrate.write(out, 0, 1, c[0], new int[0], 0);
            assertEquals(c[1], ReceiverEstimatedMaxBitrate.parse(out, 0, 20).bitrateBps(), "bitrate " + c[0]);
        }
    }

    @Test
    void rembWithTooManySsrcsForItsLengthIsRejected() {
        byte[] remb = Fixtures.slice(Fixtures.bytes("rr-remb"), 8, 28);
        remb[16] = 3;
        assertFalse(ReceiverEstimatedMaxBitrate.isRemb(remb, 0, 28));
        assertThrows(RtcpParseException.class, () -> ReceiverEstimatedMaxBitrate.parse(remb, 0, 28));
    }
}
