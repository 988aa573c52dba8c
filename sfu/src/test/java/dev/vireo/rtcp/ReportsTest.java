package dev.vireo.rtcp;

import static dev.vireo.rtcp.Fixtures.OFF;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SR, RR, SDES and BYE (RFC 3550 §6.4–6.6). */
class ReportsTest {
    private static final ReportBlock FIXTURE_BLOCK = new ReportBlock(0x5e6f7081, 25, -2, 0x1fffeL, 288L,
            0xb2c34000L, 0x18000L);

    @Test
    void parsesSenderReport() throws RtcpParseException {
        byte[] b = Fixtures.embedded("sr-sdes-compound");
        // The window covers the whole compound packet: parse reads only the first packet.
        SenderReport sr = SenderReport.parse(b, OFF, 80);
        assertEquals(0x1a2b3c4d, sr.ssrc());
        assertEquals(0xe8a1b2c3_40000000L, sr.ntpTimestamp());
        assertEquals(13869552L, sr.rtpTimestamp());
        assertEquals(1234L, sr.packetCount());
        assertEquals(1234567L, sr.octetCount());
        assertEquals(List.of(FIXTURE_BLOCK), sr.reportBlocks());
        assertEquals(52, sr.size());
    }

    @Test
    void senderReportRoundTrips() throws RtcpParseException {
        byte[] expected = Fixtures.slice(Fixtures.bytes("sr-sdes-compound"), 0, 52);
        SenderReport sr = SenderReport.parse(expected, 0, expected.length);
        byte[] out = new byte[sr.size() + 3];
        assertEquals(52, sr.writeTo(out, 3));
        assertArrayEquals(expected, Fixtures.slice(out, 3, 52));
    }

    @Test
    void senderInfoCopyDropsTheReportBlocksAndCountsAreRewritable() throws RtcpParseException {
        byte[] withBlock = Fixtures.slice(Fixtures.bytes("sr-sdes-compound"), 0, 52);
        byte[] out = new byte[40];
        assertEquals(SenderReport.HEADER_SIZE, SenderReport.copySenderInfo(withBlock, 0, out, 5));
        SenderReport.setCounts(out, 5, 77, 88_000);

        SenderReport copy = SenderReport.parse(out, 5, SenderReport.HEADER_SIZE);
        assertEquals(List.of(), copy.reportBlocks());
        assertEquals(0x1a2b3c4d, copy.ssrc());
        assertEquals(0xe8a1b2c3_40000000L, copy.ntpTimestamp());
        assertEquals(13869552L, copy.rtpTimestamp());
        assertEquals(77, copy.packetCount());
        assertEquals(88_000, copy.octetCount());
        RtcpIterator walk = new RtcpIterator();
        walk.reset(out, 5, SenderReport.HEADER_SIZE);
        assertEquals(true, walk.next());
        assertEquals(SenderReport.HEADER_SIZE, walk.length(), "length field says 28 bytes");
    }

    @Test
    void senderReportInPlaceAccessorsAndRewrite() {
        byte[] b = Fixtures.embedded("sr-sdes-compound");
        assertEquals(0x1a2b3c4d, SenderReport.senderSsrc(b, OFF));
        assertEquals(0xe8a1b2c3_40000000L, SenderReport.ntpTimestamp(b, OFF));
        assertEquals(13869552L, SenderReport.rtpTimestamp(b, OFF));
        byte[] before = b.clone();

        SenderReport.rewrite(b, OFF, 0x01020304, 0x1_F0E0D0C0L);

        assertEquals(0x01020304, SenderReport.senderSsrc(b, OFF));
        assertEquals(0xF0E0D0C0L, SenderReport.rtpTimestamp(b, OFF));
        byte[] expected = before.clone();
        System.arraycopy(new byte[] {1, 2, 3, 4}, 0, expected, OFF + 4, 4);
        System.arraycopy(new byte[] {(byte) 0xF0, (byte) 0xE0, (byte) 0xD0, (byte) 0xC0}, 0, expected, OFF + 16, 4);
        assertArrayEquals(expected, b, "only SSRC and RTP timestamp change");
        assertEquals(0xb2c34000L, SenderReport.compactNtp(SenderReport.ntpTimestamp(b, OFF)));
    }

    @Test
    void parsesAndWritesReceiverReport() throws RtcpParseException {
        byte[] b = Fixtures.embedded("rr-remb");
        ReceiverReport rr = ReceiverReport.parse(b, OFF, 36);
        assertEquals(new ReceiverReport(1, List.of()), rr);
        byte[] out = new byte[rr.size()];
        rr.writeTo(out, 0);
        assertArrayEquals(Fixtures.slice(Fixtures.bytes("rr-remb"), 0, 8), out);

        ReceiverReport withBlocks = new ReceiverReport(7, List.of(FIXTURE_BLOCK, new ReportBlock(9, 255,
                (1 << 23) - 1, 0xFFFF_FFFFL, 0, 0, 0xFFFF_FFFFL)));
        byte[] written = new byte[withBlocks.size()];
        assertEquals(56, ReceiverReport.write(written, 0, 7, withBlocks.reportBlocks().toArray(new ReportBlock[0])));
        assertEquals(withBlocks, ReceiverReport.parse(written, 0, written.length));
        // The SR fixture's report block, written in an RR, keeps its bytes.
        assertArrayEquals(Fixtures.slice(Fixtures.bytes("sr-sdes-compound"), 28, 24), Fixtures.slice(written, 8, 24));
    }

    @Test
    void parsesSdesCnameAndRoundTrips() throws RtcpParseException {
        byte[] b = Fixtures.embedded("sr-sdes-compound");
        SourceDescription sdes = SourceDescription.parse(b, OFF + 52, 28);
        assertEquals(1, sdes.chunks().size());
        assertEquals(0x1a2b3c4d, sdes.chunks().get(0).ssrc());
        assertEquals("4TOk42mSjXCkVIa6", sdes.chunks().get(0).cname());
        assertEquals(SourceDescription.ofCname(0x1a2b3c4d, "4TOk42mSjXCkVIa6"), sdes);
        byte[] out = new byte[sdes.size()];
        assertEquals(28, sdes.writeTo(out, 0));
        assertArrayEquals(Fixtures.slice(Fixtures.bytes("sr-sdes-compound"), 52, 28), out);
    }

    @Test
    void sdesChunkSizesPadToWords() throws RtcpParseException {
        for (int textLength = 0; textLength < 9; textLength++) {
            SourceDescription sdes = new SourceDescription(List.of(
                    new SourceDescription.Chunk(1, List.of(new SourceDescription.Item(1, "x".repeat(textLength)))),
                    new SourceDescription.Chunk(2, List.of())));
            byte[] out = new byte[sdes.size()];
            sdes.writeTo(out, 0);
            assertEquals(0, out.length % 4);
            assertEquals(sdes, SourceDescription.parse(out, 0, out.length), "text length " + textLength);
        }
    }

    @Test
    void parsesAndWritesBye() throws RtcpParseException {
        byte[] expected = Fixtures.bytes("bye");
        Goodbye bye = Goodbye.parse(expected, 0, expected.length);
        assertEquals(new Goodbye(List.of(0x1a2b3c4d), "bye"), bye);
        byte[] out = new byte[bye.size()];
        bye.writeTo(out, 0);
        assertArrayEquals(expected, out);

        Goodbye silent = new Goodbye(List.of(1, 2), "");
        byte[] silentOut = new byte[silent.size()];
        assertEquals(12, silent.writeTo(silentOut, 0));
        assertEquals(silent, Goodbye.parse(silentOut, 0, 12));
    }

    @Test
    void rejectsWrongTypeAndOverruns() {
        byte[] sr = Fixtures.bytes("sr-sdes-compound");
        assertThrows(RtcpParseException.class, () -> ReceiverReport.parse(sr, 0, sr.length));
        assertThrows(RtcpParseException.class, () -> SenderReport.parse(sr, 0, 51));
        byte[] lying = sr.clone();
        lying[0] = (byte) 0x82; // RC=2 but room for one block
        assertThrows(RtcpParseException.class, () -> SenderReport.parse(lying, 0, 52));
        byte[] sdes = Fixtures.slice(sr, 52, 28);
        sdes[27] = 'x'; // no terminating null
        sdes[26] = 'x';
        assertThrows(RtcpParseException.class, () -> SourceDescription.parse(sdes, 0, 28));
        byte[] bye = Fixtures.bytes("bye");
        bye[8] = 4; // reason longer than the packet
        assertThrows(RtcpParseException.class, () -> Goodbye.parse(bye, 0, bye.length));
        byte[] badUtf8 = Fixtures.bytes("bye");
        badUtf8[9] = (byte) 0xC3;
        badUtf8[10] = (byte) 0x28;
        assertThrows(RtcpParseException.class, () -> Goodbye.parse(badUtf8, 0, badUtf8.length));
    }
}
