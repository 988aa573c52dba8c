package dev.vireo.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.rtp.CapturedFixture;
import dev.vireo.rtp.HexFixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RTCP that Chromium 156 sent to Vireo, decrypted by the SFU (how: {@code captured/README.md}): a publisher's SR +
 * SDES and a subscriber's reduced-size RR, REMB, NACK and PLI. Expected SSRCs, CNAME and times come from the
 * capture's metadata (the SDP of that call and the SFU's clock), not from our parser.
 */
class CapturedRtcpTest {
    private static final int OFF = 9;
    private static final String DIR = "/dev/vireo/rtcp/captured/";
    private static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;
    /** Chromium's RTCP sender SSRC on a PeerConnection where it sends no media (webrtc's default RR SSRC). */
    private static final int RECEIVE_ONLY_SSRC = 1;

    private static CapturedFixture fixture(String name) {
        return CapturedFixture.load(DIR + name + ".hex");
    }

    /** One packet of a compound: its type, format and bytes. */
    private record Part(int type, int format, byte[] bytes) {
    }

    /** Walks the compound with {@link RtcpIterator}, which must reach its end without calling it malformed. */
    private static List<Part> walk(byte[] compound) {
        byte[] b = HexFixture.embed(compound, OFF);
        RtcpIterator it = new RtcpIterator();
        it.reset(b, OFF, compound.length);
        List<Part> parts = new ArrayList<>();
        int end = OFF;
        while (it.next()) {
            assertEquals(end, it.offset(), "packets follow each other");
            assertEquals(2, (b[it.offset()] & 0xFF) >>> 6, "version 2");
            assertEquals(0, it.paddingLength());
            parts.add(new Part(it.packetType(), it.countOrFormat(),
                    Arrays.copyOfRange(b, it.offset(), it.offset() + it.length())));
            end = it.offset() + it.length();
        }
        assertFalse(it.malformed());
        assertEquals(OFF + compound.length, end, "the whole compound was walked");
        return parts;
    }

    @ParameterizedTest
    @ValueSource(strings = {"publisher-sr-sdes-video", "publisher-sr-sdes-audio", "subscriber-rr",
            "subscriber-rr-remb", "subscriber-nack", "subscriber-pli", "subscriber-pli-remb"})
    void everyPacketParsesAndWritesBackTheSameBytes(String name) throws RtcpParseException {
        List<Part> parts = walk(fixture(name).bytes());
        assertFalse(parts.isEmpty());
        for (Part part : parts) {
            byte[] in = HexFixture.embed(part.bytes(), OFF);
            int len = part.bytes().length;
            byte[] out = switch (part.type()) {
                case RtcpPacketType.SR -> write(SenderReport.parse(in, OFF, len)::writeTo,
                        SenderReport.parse(in, OFF, len).size());
                case RtcpPacketType.RR -> write(ReceiverReport.parse(in, OFF, len)::writeTo,
                        ReceiverReport.parse(in, OFF, len).size());
                case RtcpPacketType.SDES -> write(SourceDescription.parse(in, OFF, len)::writeTo,
                        SourceDescription.parse(in, OFF, len).size());
                case RtcpPacketType.RTPFB -> {
                    assertEquals(RtcpFeedback.FMT_GENERIC_NACK, part.format());
                    yield write(GenericNack.parse(in, OFF, len)::writeTo, GenericNack.parse(in, OFF, len).size());
                }
                case RtcpPacketType.PSFB -> {
                    if (part.format() == RtcpFeedback.FMT_PLI) {
                        yield write(PictureLossIndication.parse(in, OFF, len)::writeTo, PictureLossIndication.SIZE);
                    }
                    assertEquals(RtcpFeedback.FMT_AFB, part.format());
                    assertTrue(ReceiverEstimatedMaxBitrate.isRemb(in, OFF, len));
                    ReceiverEstimatedMaxBitrate remb = ReceiverEstimatedMaxBitrate.parse(in, OFF, len);
                    yield write(remb::writeTo, remb.size());
                }
                default -> throw new AssertionError(name + ": unexpected packet type " + part.type());
            };
            assertArrayEquals(part.bytes(), out, name + ": packet type " + part.type() + " round trip");
        }
    }

    private interface Writer {
        int writeTo(byte[] dst, int off);
    }

    private static byte[] write(Writer writer, int size) {
        byte[] dst = new byte[size + 5];
        assertEquals(size, writer.writeTo(dst, 5));
        return Arrays.copyOfRange(dst, 5, 5 + size);
    }

    @ParameterizedTest
    @ValueSource(strings = {"publisher-sr-sdes-video", "publisher-sr-sdes-audio"})
    void publisherSenderReportIsSane(String name) throws RtcpParseException {
        CapturedFixture f = fixture(name);
        List<Part> parts = walk(f.bytes());
        assertEquals(List.of(RtcpPacketType.SR, RtcpPacketType.SDES), parts.stream().map(Part::type).toList(),
                "Chromium's regular compound: SR first, then SDES");
        byte[] srBytes = parts.get(0).bytes();
        SenderReport sr = SenderReport.parse(srBytes, 0, srBytes.length);

        assertTrue(f.ssrcs("publisher-ssrcs").contains(sr.ssrc()), "an SSRC from the publish offer");
        assertTrue(sr.reportBlocks().isEmpty(), "the SFU sends no media on the publish PeerConnection");
        assertTrue(sr.packetCount() > 0);
        assertTrue(sr.octetCount() > sr.packetCount(), "every packet carries payload");
        long ntpMillis = (sr.ntpTimestamp() >>> 32) * 1000 + ((sr.ntpTimestamp() & 0xFFFF_FFFFL) * 1000 >>> 32);
        long unixMillis = ntpMillis - NTP_UNIX_OFFSET_SECONDS * 1000;
        long capturedAt = f.number("captured-at-ms");
        // Same machine, same clock: the report was made shortly before the SFU handled it. The capture itself slowed
        // the SFU's receive thread by a few seconds (README), hence the generous window.
        assertTrue(unixMillis <= capturedAt + 1000 && unixMillis > capturedAt - 30_000,
                "NTP " + unixMillis + " vs captured at " + capturedAt);
        assertEquals(sr.ssrc(), SenderReport.senderSsrc(srBytes, 0));
        assertEquals(sr.rtpTimestamp(), SenderReport.rtpTimestamp(srBytes, 0));

        byte[] sdesBytes = parts.get(1).bytes();
        SourceDescription sdes = SourceDescription.parse(sdesBytes, 0, sdesBytes.length);
        assertEquals(List.of(SourceDescription.ofCname(sr.ssrc(), f.word("cname")).chunks().get(0)), sdes.chunks());
    }

    @ParameterizedTest
    @ValueSource(strings = {"subscriber-rr", "subscriber-rr-remb"})
    void subscriberReportsOnTheSfuStreams(String name) throws RtcpParseException {
        CapturedFixture f = fixture(name);
        Set<Integer> sfuSsrcs = f.ssrcs("sfu-ssrcs");
        List<Part> parts = walk(f.bytes());
        assertEquals(RtcpPacketType.RR, parts.get(0).type(), "rtcp-rsize: an RR without SDES");
        byte[] rrBytes = parts.get(0).bytes();
        ReceiverReport rr = ReceiverReport.parse(rrBytes, 0, rrBytes.length);

        assertEquals(RECEIVE_ONLY_SSRC, rr.senderSsrc());
        assertEquals(RECEIVE_ONLY_SSRC, ReceiverReport.senderSsrc(rrBytes, 0));
        assertFalse(rr.reportBlocks().isEmpty());
        long capturedNtpSeconds = f.number("captured-at-ms") / 1000 + NTP_UNIX_OFFSET_SECONDS;
        for (ReportBlock block : rr.reportBlocks()) {
            assertTrue(sfuSsrcs.contains(block.ssrc()), "block for " + Integer.toUnsignedString(block.ssrc()) + " not one of the SFU's " + sfuSsrcs);
            assertTrue(block.extendedHighestSeq() > 0);
            assertTrue(block.cumulativeLost() >= 0);
            // LSR is the middle 32 bits of the NTP time of the SFU's last SR: one sent within the last minute.
            assertTrue(block.lastSr() != 0, "the SFU's sender reports reached Chromium");
            long age = ((capturedNtpSeconds << 16) - block.lastSr()) & 0xFFFF_FFFFL;
            assertTrue(age < 60L << 16, "LSR " + Long.toHexString(block.lastSr()) + " is " + (age >> 16) + " s old");
            assertTrue(block.delaySinceLastSr() < 60L << 16);
        }
        for (Part part : parts.subList(1, parts.size())) {
            assertRembNamesSfuStreams(part, sfuSsrcs);
        }
    }

    private static void assertRembNamesSfuStreams(Part part, Set<Integer> sfuSsrcs) throws RtcpParseException {
        assertEquals(RtcpPacketType.PSFB, part.type());
        assertEquals(RtcpFeedback.FMT_AFB, part.format());
        byte[] b = part.bytes();
        ReceiverEstimatedMaxBitrate remb = ReceiverEstimatedMaxBitrate.parse(b, 0, b.length);
        assertEquals(RECEIVE_ONLY_SSRC, remb.senderSsrc());
        assertEquals(remb.bitrateBps(), ReceiverEstimatedMaxBitrate.bitrateBps(b, 0));
        assertTrue(remb.bitrateBps() > 10_000 && remb.bitrateBps() < 100_000_000, remb.bitrateBps() + " bit/s");
        assertFalse(remb.ssrcs().isEmpty());
        assertTrue(sfuSsrcs.containsAll(remb.ssrcs()), remb.ssrcs() + " not all in " + sfuSsrcs);
    }

    @Test
    void nackAsksTheSfuForLostPackets() throws RtcpParseException {
        CapturedFixture f = fixture("subscriber-nack");
        List<Part> parts = walk(f.bytes());
        assertEquals(1, parts.size());
        assertEquals(RtcpPacketType.RTPFB, parts.get(0).type());
        byte[] b = parts.get(0).bytes();
        GenericNack nack = GenericNack.parse(b, 0, b.length);

        assertEquals(RECEIVE_ONLY_SSRC, nack.senderSsrc());
        assertTrue(f.ssrcs("sfu-ssrcs").contains(nack.mediaSsrc()));
        assertEquals(nack.mediaSsrc(), GenericNack.mediaSsrc(b, 0));
        assertEquals(1, GenericNack.itemCount(b, 0, b.length));
        int pid = GenericNack.pid(b, 0, 0);
        List<Integer> expected = new ArrayList<>(List.of(pid));
        int blp = GenericNack.blp(b, 0, 0);
        for (int bit = 0; bit < 16; bit++) {
            if ((blp & (1 << bit)) != 0) {
                expected.add((pid + 1 + bit) & 0xFFFF);
            }
        }
        assertTrue(expected.size() > 1, "this capture asks for a run of packets");
        assertEquals(expected, nack.lostSequenceNumbers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"subscriber-pli", "subscriber-pli-remb"})
    void pliAsksTheSfuForAKeyFrame(String name) throws RtcpParseException {
        CapturedFixture f = fixture(name);
        Set<Integer> sfuSsrcs = f.ssrcs("sfu-ssrcs");
        List<Part> parts = walk(f.bytes());
        assertEquals(RtcpPacketType.PSFB, parts.get(0).type());
        assertEquals(RtcpFeedback.FMT_PLI, parts.get(0).format());
        byte[] b = parts.get(0).bytes();
        PictureLossIndication pli = PictureLossIndication.parse(b, 0, b.length);

        assertEquals(RECEIVE_ONLY_SSRC, pli.senderSsrc());
        assertTrue(sfuSsrcs.contains(pli.mediaSsrc()));
        assertEquals(pli.mediaSsrc(), PictureLossIndication.mediaSsrc(b, 0));
        for (Part part : parts.subList(1, parts.size())) {
            assertRembNamesSfuStreams(part, sfuSsrcs);
        }
    }
}
