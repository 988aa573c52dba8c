package dev.vireo.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vireo.rtp.HexFixture;
import java.util.HashSet;

/**
 * Fuzz targets for the RTCP iterator and every message parser: they must never throw anything but
 * {@link RtcpParseException}, and whatever parses must write and parse back to the same message. The per-message
 * targets force version 2, the packet type, the format and a length field that matches the input, so the fuzzer
 * spends its time in the message body. Inputs are in {@code RtcpFuzzTestInputs/<method>/}.
 */
class RtcpFuzzTest {
    private static final int OFF = 5;

    /** The input at {@link #OFF} in junk, with the header forced when {@code packetType >= 0}. */
    private static byte[] input(FuzzedDataProvider data, int packetType, int format) {
        byte[] packet = data.consumeRemainingAsBytes();
        if (packetType >= 0 && packet.length >= 4) {
            packet[0] = (byte) (0x80 | (packet[0] & 0x20) | (format >= 0 ? format : packet[0] & 0x1F));
            packet[1] = (byte) packetType;
            int words = packet.length / 4 - 1;
            packet[2] = (byte) (words >>> 8);
            packet[3] = (byte) words;
        }
        return HexFixture.embed(packet, OFF);
    }

    private static int length(byte[] b) {
        return b.length - OFF - 7;
    }

    @FuzzTest
    void compound(FuzzedDataProvider data) {
        byte[] b = input(data, -1, -1);
        int len = length(b);
        RtcpIterator it = new RtcpIterator();
        it.reset(b, OFF, len);
        int end = OFF;
        while (it.next()) {
            assertEquals(end, it.offset());
            assertTrue(it.length() >= 4 && it.offset() + it.length() <= OFF + len);
            assertTrue(it.paddingLength() <= it.length() - 4);
            end = it.offset() + it.length();
            parseAny(b, it.offset(), it.length(), it.packetType(), it.countOrFormat());
        }
        assertTrue(it.malformed() || end == OFF + len);
    }

    private static void parseAny(byte[] b, int off, int len, int type, int format) {
        try {
            switch (type) {
                case RtcpPacketType.SR -> SenderReport.parse(b, off, len);
                case RtcpPacketType.RR -> ReceiverReport.parse(b, off, len);
                case RtcpPacketType.SDES -> SourceDescription.parse(b, off, len);
                case RtcpPacketType.BYE -> Goodbye.parse(b, off, len);
                case RtcpPacketType.RTPFB -> {
                    if (format == RtcpFeedback.FMT_GENERIC_NACK) {
                        GenericNack.parse(b, off, len);
                    } else if (format == RtcpFeedback.FMT_TRANSPORT_CC) {
                        TransportCcFeedback.parse(b, off, len);
                    }
                }
                case RtcpPacketType.PSFB -> {
                    if (format == RtcpFeedback.FMT_PLI) {
                        PictureLossIndication.parse(b, off, len);
                    } else if (format == RtcpFeedback.FMT_FIR) {
                        FullIntraRequest.parse(b, off, len);
                    } else if (format == RtcpFeedback.FMT_AFB && ReceiverEstimatedMaxBitrate.isRemb(b, off, len)) {
                        ReceiverEstimatedMaxBitrate.bitrateBps(b, off);
                        ReceiverEstimatedMaxBitrate.parse(b, off, len);
                    }
                }
                default -> { }
            }
        } catch (RtcpParseException expected) {
            // Declared: malformed messages are rejected this way.
        }
    }

    @FuzzTest
    void senderReport(FuzzedDataProvider data) {
        byte[] b = input(data, RtcpPacketType.SR, -1);
        try {
            SenderReport sr = SenderReport.parse(b, OFF, length(b));
            byte[] out = new byte[sr.size()];
            assertEquals(out.length, sr.writeTo(out, 0));
            assertEquals(sr, SenderReport.parse(out, 0, out.length));
            assertEquals(sr.ssrc(), SenderReport.senderSsrc(b, OFF));
            assertEquals(sr.rtpTimestamp(), SenderReport.rtpTimestamp(b, OFF));
        } catch (RtcpParseException expected) {
            // declared
        }
    }

    @FuzzTest
    void receiverReport(FuzzedDataProvider data) {
        byte[] b = input(data, RtcpPacketType.RR, -1);
        try {
            ReceiverReport rr = ReceiverReport.parse(b, OFF, length(b));
            byte[] out = new byte[rr.size()];
            assertEquals(out.length, rr.writeTo(out, 0));
            assertEquals(rr, ReceiverReport.parse(out, 0, out.length));
        } catch (RtcpParseException expected) {
            // declared
        }
    }

    @FuzzTest
    void sourceDescription(FuzzedDataProvider data) {
        byte[] b = input(data, RtcpPacketType.SDES, -1);
        try {
            SourceDescription sdes = SourceDescription.parse(b, OFF, length(b));
            byte[] out = new byte[sdes.size()];
            assertEquals(out.length, sdes.writeTo(out, 0));
            assertEquals(sdes, SourceDescription.parse(out, 0, out.length));
        } catch (RtcpParseException expected) {
            // declared
        }
    }

    @FuzzTest
    void goodbye(FuzzedDataProvider data) {
        byte[] b = input(data, RtcpPacketType.BYE, -1);
        try {
            Goodbye bye = Goodbye.parse(b, OFF, length(b));
            byte[] out = new byte[bye.size()];
            assertEquals(out.length, bye.writeTo(out, 0));
            assertEquals(bye, Goodbye.parse(out, 0, out.length));
        } catch (RtcpParseException expected) {
            // declared
        }
    }

    @FuzzTest
    void pictureLossIndication(FuzzedDataProvider data) {
        byte[] b = input(data, RtcpPacketType.PSFB, RtcpFeedback.FMT_PLI);
        try {
            PictureLossIndication pli = PictureLossIndication.parse(b, OFF, length(b));
            byte[] out = new byte[pli.size()];
            assertEquals(out.length, pli.writeTo(out, 0));
            assertEquals(pli, PictureLossIndication.parse(out, 0, out.length));
        } catch (RtcpParseException expected) {
            // declared
        }
    }

    @FuzzTest
    void fullIntraRequest(FuzzedDataProvider data) {
        byte[] b = input(data, RtcpPacketType.PSFB, RtcpFeedback.FMT_FIR);
        try {
            FullIntraRequest fir = FullIntraRequest.parse(b, OFF, length(b));
            byte[] out = new byte[fir.size()];
            assertEquals(out.length, fir.writeTo(out, 0));
            assertEquals(fir, FullIntraRequest.parse(out, 0, out.length));
            assertEquals(fir.entries().get(0).ssrc(), FullIntraRequest.firstRequestedSsrc(out, 0, out.length));
        } catch (RtcpParseException expected) {
            // declared
        }
    }

    @FuzzTest
    void genericNack(FuzzedDataProvider data) {
        byte[] b = input(data, RtcpPacketType.RTPFB, RtcpFeedback.FMT_GENERIC_NACK);
        try {
            GenericNack nack = GenericNack.parse(b, OFF, length(b));
            byte[] out = new byte[nack.size()];
            assertEquals(out.length, nack.writeTo(out, 0));
            GenericNack back = GenericNack.parse(out, 0, out.length);
            // Items may be merged differently (duplicates, overlapping masks), but the same packets are asked for.
            assertEquals(new HashSet<>(nack.lostSequenceNumbers()), new HashSet<>(back.lostSequenceNumbers()));
            assertEquals(nack.mediaSsrc(), back.mediaSsrc());
        } catch (RtcpParseException expected) {
            // declared
        }
    }

    @FuzzTest
    void receiverEstimatedMaxBitrate(FuzzedDataProvider data) {
        byte[] b = input(data, RtcpPacketType.PSFB, RtcpFeedback.FMT_AFB);
        try {
            ReceiverEstimatedMaxBitrate remb = ReceiverEstimatedMaxBitrate.parse(b, OFF, length(b));
            byte[] out = new byte[remb.size()];
            assertEquals(out.length, remb.writeTo(out, 0));
            ReceiverEstimatedMaxBitrate back = ReceiverEstimatedMaxBitrate.parse(out, 0, out.length);
            if (remb.bitrateBps() != Long.MAX_VALUE) {
                assertEquals(remb, back);
            }
        } catch (RtcpParseException expected) {
            // declared
        }
    }

    @FuzzTest
    void transportCc(FuzzedDataProvider data) {
        byte[] b = input(data, RtcpPacketType.RTPFB, RtcpFeedback.FMT_TRANSPORT_CC);
        try {
            TransportCcFeedback fb = TransportCcFeedback.parse(b, OFF, length(b));
            byte[] out = new byte[fb.size()];
            assertEquals(out.length, fb.writeTo(out, 0));
            TransportCcFeedback back = TransportCcFeedback.parse(out, 0, out.length);
            assertEquals(fb.packetStatusCount(), back.packetStatusCount());
            assertEquals(fb.baseSequenceNumber(), back.baseSequenceNumber());
            assertEquals(fb.referenceTime(), back.referenceTime());
            assertEquals(fb.feedbackPacketCount(), back.feedbackPacketCount());
            assertEquals(fb.chunkCount(), back.chunkCount());
            assertArrayEquals(fb.receiveTimesMicros(), back.receiveTimesMicros());
            byte[] again = new byte[back.size()];
            back.writeTo(again, 0);
            assertArrayEquals(out, again);
        } catch (RtcpParseException expected) {
            // declared
        }
    }
}
