package dev.vireo.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RTP packets that Chromium 156 sent to Vireo's publish PeerConnection, decrypted by the SFU (how: {@code
 * captured/README.md}). Expected values come from the capture's metadata (the SDP the SFU answered with), not from
 * our own parser.
 */
class CapturedPacketsTest {
    private static final int OFF = 7;
    private static final String DIR = "/dev/vireo/rtp/captured/";

    private static CapturedFixture fixture(String name) {
        return CapturedFixture.load(DIR + name + ".hex");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vp8-keyframe-first-packet", "vp8-keyframe-last-packet", "vp8-delta-first-packet",
            "opus-audio-level"})
    void headerMatchesTheNegotiation(String name) {
        CapturedFixture f = fixture(name);
        byte[] b = HexFixture.embed(f.bytes(), OFF);
        int len = f.bytes().length;

        assertTrue(RtpPacket.isValid(b, OFF, len));
        assertEquals(2, RtpPacket.version(b, OFF));
        assertEquals(f.number("pt"), RtpPacket.payloadType(b, OFF), "the payload type of the SFU's answer");
        assertEquals((int) f.number("ssrc"), RtpPacket.ssrc(b, OFF), "the a=ssrc of the browser's offer");
        assertEquals(0, RtpPacket.csrcCount(b, OFF));
        assertEquals(HeaderExtensions.ONE_BYTE_PROFILE, RtpPacket.extensionProfile(b, OFF),
                "Chromium uses the one-byte form while every ID is at most 14");
        int header = RtpPacket.headerLength(b, OFF, len);
        assertEquals(RtpPacket.FIXED_HEADER_LENGTH + 4 + RtpPacket.extensionLength(b, OFF), header);
        assertEquals(0, RtpPacket.paddingLength(b, OFF, len));
        assertEquals(len - header, RtpPacket.payloadLength(b, OFF, len));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vp8-keyframe-first-packet", "vp8-keyframe-last-packet", "vp8-delta-first-packet",
            "opus-audio-level"})
    void carriesOnlyNegotiatedExtensionsWithTheirSizes(String name) {
        CapturedFixture f = fixture(name);
        byte[] b = HexFixture.embed(f.bytes(), OFF);
        int len = f.bytes().length;
        Map<Integer, String> negotiated = f.negotiatedExtensions();

        HeaderExtensions.Cursor cursor = new HeaderExtensions.Cursor();
        assertTrue(cursor.reset(b, OFF, len));
        List<Integer> seen = new ArrayList<>();
        while (cursor.next()) {
            assertFalse(cursor.twoByteForm());
            assertTrue(negotiated.containsKey(cursor.id()),
                    "ID " + cursor.id() + " was not in the SFU's answer " + negotiated);
            assertEquals(cursor.dataOffset(), HeaderExtensions.find(b, OFF, len, cursor.id()));
            seen.add(cursor.id());
        }
        assertFalse(cursor.malformed());
        assertEquals(seen.size(), seen.stream().distinct().count(), "one element per ID");

        int absSendTime = f.extensionId("abs-send-time");
        assertTrue(seen.contains(absSendTime), "Chromium stamps every packet with abs-send-time");
        assertEquals(3, HeaderExtensions.findLength(b, OFF, len, absSendTime));
        int mid = f.extensionId("mid");
        int at = HeaderExtensions.find(b, OFF, len, mid);
        assertTrue(at >= 0, "mid is sent until the SFU's RTCP acknowledges the stream");
        assertEquals(f.word("mid"),
                new String(b, at, HeaderExtensions.findLength(b, OFF, len, mid), StandardCharsets.US_ASCII));
    }

    @Test
    void opusPacketCarriesAnAudioLevel() {
        CapturedFixture f = fixture("opus-audio-level");
        byte[] b = HexFixture.embed(f.bytes(), OFF);
        int len = f.bytes().length;

        int id = f.extensionId("ssrc-audio-level");
        int at = HeaderExtensions.find(b, OFF, len, id);
        assertTrue(at >= 0);
        assertEquals(1, HeaderExtensions.findLength(b, OFF, len, id), "RFC 6464 one-byte form: V + 7-bit level");
        int level = b[at] & 0x7F;
        assertTrue(level <= 127);
        // The fake microphone plays a beep: Chromium marks the packet as voice.
        assertTrue((b[at] & 0x80) != 0, "voice activity flag");
        assertTrue(RtpPacket.payloadLength(b, OFF, len) > 1, "an Opus TOC byte and a frame");
    }

    @Test
    void keyFrameEndsWithMarkerAndVideoOrientation() {
        CapturedFixture first = fixture("vp8-keyframe-first-packet");
        CapturedFixture last = fixture("vp8-keyframe-last-packet");
        byte[] a = first.bytes();
        byte[] z = last.bytes();

        assertFalse(RtpPacket.marker(a, 0));
        assertTrue(RtpPacket.marker(z, 0), "the frame's last packet carries the marker");
        assertEquals(RtpPacket.timestamp(a, 0), RtpPacket.timestamp(z, 0), "same frame");
        assertTrue(RtpPacket.sequenceNumber(z, 0) > RtpPacket.sequenceNumber(a, 0));
        int cvo = last.extensionId("video-orientation");
        assertEquals(-1, HeaderExtensions.find(a, 0, a.length, cvo));
        int at = HeaderExtensions.find(z, 0, z.length, cvo);
        assertTrue(at >= 0, "Chromium sends CVO (3GPP TS 26.114) on the last packet of a key frame");
        assertEquals(1, HeaderExtensions.findLength(z, 0, z.length, cvo));
        assertEquals(0, z[at] & 0x03, "the fake camera is not rotated");
    }

    @Test
    void absSendTimeAdvancesInSendOrder() {
        List<CapturedFixture> inOrder = List.of(fixture("vp8-keyframe-first-packet"),
                fixture("vp8-keyframe-last-packet"), fixture("vp8-delta-first-packet"));
        long previous = -1;
        int previousSeq = -1;
        for (CapturedFixture f : inOrder) {
            byte[] b = f.bytes();
            int at = HeaderExtensions.find(b, 0, b.length, f.extensionId("abs-send-time"));
            long sendTime = ((b[at] & 0xFFL) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
            int seq = RtpPacket.sequenceNumber(b, 0);
            assertTrue(seq > previousSeq, "fixtures are listed in send order");
            // 6.18 fixed point seconds: the packets were sent well under a second apart.
            assertTrue(previous < 0 || (sendTime > previous && sendTime - previous < (1 << 18)),
                    f.resource() + ": " + sendTime + " after " + previous);
            previous = sendTime;
            previousSeq = seq;
        }
    }
}
