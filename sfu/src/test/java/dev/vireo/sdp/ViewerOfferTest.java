package dev.vireo.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A WHEP viewer's recvonly offer and the SFU's sendonly answer. */
class ViewerOfferTest {
    private static final LocalTransport LOCAL = new LocalTransport("sfuU", "sfupasswordsfupassword00",
            List.of("candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host"),
            "sha-256 " + "AB:".repeat(31) + "AB");

    private static String offer() throws IOException {
        try (InputStream in = ViewerOfferTest.class.getResourceAsStream("whep-recvonly-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void acceptsRecvonlyLinesWithCanonicalPayloadTypes() throws Exception {
        ViewerOffer offer = ViewerOffer.parse(offer());
        assertEquals(List.of(new ViewerOffer.Line("0", MediaKind.VIDEO, List.of(Codec.VP8, Codec.H264),
                        List.of(Codec.VP8), false),
                new ViewerOffer.Line("1", MediaKind.AUDIO, List.of(Codec.OPUS), List.of(), false)), offer.lines());
        assertEquals("viewA", offer.iceUfrag());
        assertEquals("actpass", offer.setup());
    }

    @Test
    void answersSendonlyWithTheSfusSsrcsAndTransport() throws Exception {
        ViewerOffer offer = ViewerOffer.parse(offer());
        String answer = offer.answer(LOCAL, Map.of(
                "0", new ViewerOffer.Sending(1111, 1112, "s", "s-video", "c"),
                "1", new ViewerOffer.Sending(2222, 2223, "s", "s-audio", "c")));
        SessionDescription sd = SessionDescription.parse(answer);
        assertEquals(List.of("0", "1"), sd.bundle().mids());
        MediaDescription video = sd.media("0");
        assertEquals(Direction.SENDONLY, video.direction());
        assertEquals(List.of("96", "97", "102"), video.formats(), "VP8 with its RTX, H264 without (none offered)");
        assertEquals(96, Integer.parseInt(video.fmtpParameters(97).get("apt")));
        assertEquals(List.of(1111L, 1112L), List.copyOf(video.ssrcs().keySet()));
        assertTrue(answer.contains("a=ssrc-group:FID 1111 1112\r\n"), answer);
        assertEquals("passive", video.setup());
        assertEquals(13, video.extMapId(ExtensionUris.VIDEO_ORIENTATION));
        assertEquals(List.of("nack", "nack pli", "ccm fir").stream().sorted().toList(),
                video.rtcpFeedback(96).stream().sorted().toList());
        MediaDescription audio = sd.media("1");
        assertEquals(List.of("111"), audio.formats());
        assertEquals(1, audio.extMapId(ExtensionUris.AUDIO_LEVEL));
        assertEquals(List.of(2222L), List.copyOf(audio.ssrcs().keySet()), "Opus goes without RTX");
        assertEquals(-1, audio.extMapId(ExtensionUris.TRANSPORT_CC), "not offered, not answered");
        assertTrue(answer.contains("a=candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host"));
    }

    @Test
    void rejectsLinesWithoutACanonicalPayloadTypeAndOffersWithNone() throws Exception {
        String otherNumbers = offer().replace("a=rtpmap:111 opus", "a=rtpmap:110 opus")
                .replace("UDP/TLS/RTP/SAVPF 111", "UDP/TLS/RTP/SAVPF 110").replace("a=fmtp:111", "a=fmtp:110");
        ViewerOffer offer = ViewerOffer.parse(otherNumbers);
        assertEquals(1, offer.lines().size(), "Opus as 110 cannot be forwarded untouched");
        String answer = offer.answer(LOCAL, Map.of("0", new ViewerOffer.Sending(1, 2, "s", "t", "c")));
        assertTrue(answer.contains("m=audio 0 "), answer);

        for (String bad : List.of(offer().replace("a=recvonly", "a=sendonly"),
                offer().replace("a=group:BUNDLE 0 1\r\n", ""), offer().replace("a=rtcp-mux\r\n", ""),
                offer().replace("a=setup:actpass", "a=setup:passive"), "v=0\r\n")) {
            assertThrows(SdpException.class, () -> ViewerOffer.parse(bad));
        }
    }

    /**
     * Transport-wide congestion control is what lets the SFU size a viewer's layer to its downlink: answered on every
     * line that offers the extension, with the transport-cc feedback the viewer offered.
     */
    @Test
    void answersTransportCcWithTheViewersOwnId() throws Exception {
        String tcc = ExtensionUris.TRANSPORT_CC;
        String withTcc = offer()
                .replace("a=extmap:13 urn:3gpp:video-orientation\r\n",
                        "a=extmap:13 urn:3gpp:video-orientation\r\na=extmap:5 " + tcc + "\r\n")
                .replace("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n",
                        "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\na=extmap:5 " + tcc + "\r\n")
                .replace("a=rtcp-fb:96 nack\r\n", "a=rtcp-fb:96 transport-cc\r\na=rtcp-fb:96 nack\r\n")
                .replace("a=fmtp:111 ", "a=rtcp-fb:111 transport-cc\r\na=fmtp:111 ");
        ViewerOffer offer = ViewerOffer.parse(withTcc);
        assertTrue(offer.lines().stream().allMatch(ViewerOffer.Line::transportCc), offer.lines().toString());
        assertEquals(5, offer.extensionIds()[ExtensionUris.canonicalId(tcc)], "the SFU's 3 goes out as the viewer's 5");
        SessionDescription sd = SessionDescription.parse(offer.answer(LOCAL, Map.of(
                "0", new ViewerOffer.Sending(1111, 1112, "s", "s-video", "c"),
                "1", new ViewerOffer.Sending(2222, 2223, "s", "s-audio", "c"))));
        for (String mid : List.of("0", "1")) {
            assertEquals(5, sd.media(mid).extMapId(tcc), "mid " + mid);
        }
        assertTrue(sd.media("0").rtcpFeedback(96).contains("transport-cc"));
        assertTrue(sd.media("1").rtcpFeedback(111).contains("transport-cc"));

        // One id with two meanings in the bundle (RFC 8843 §9.2) cannot be rewritten to: left out.
        ViewerOffer clash = ViewerOffer.parse(withTcc.replace("a=extmap:5 " + tcc + "\r\na=recvonly\r\na=rtcp-mux"
                + "\r\na=rtpmap:111", "a=extmap:13 " + tcc + "\r\na=recvonly\r\na=rtcp-mux\r\na=rtpmap:111"));
        assertTrue(clash.lines().stream().noneMatch(ViewerOffer.Line::transportCc), clash.lines().toString());
        SessionDescription other = SessionDescription.parse(clash.answer(LOCAL, Map.of(
                "0", new ViewerOffer.Sending(1111, 1112, "s", "s-video", "c"))));
        assertEquals(-1, other.media("0").extMapId(tcc));
        assertTrue(!other.media("0").rtcpFeedback(96).contains("transport-cc"));
    }

    /**
     * Chromium 156's own recvonly offer, video first: it numbers transport-wide-cc 4, video orientation 3 and the
     * audio level 14. The answer keeps those numbers, and every extension the viewer does not take goes out under an
     * id the answer leaves out (not 14, which HeaderExtensions writes by default and this viewer gives the audio level).
     */
    @Test
    void keepsChromiumsVideoFirstExtensionIds() throws Exception {
        String sdp;
        try (InputStream in = ViewerOfferTest.class.getResourceAsStream("whep-chromium-recvonly-offer.sdp")) {
            sdp = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ViewerOffer offer = ViewerOffer.parse(sdp);
        byte[] ids = offer.extensionIds();
        assertEquals(4, ids[ExtensionUris.canonicalId(ExtensionUris.TRANSPORT_CC)]);
        assertEquals(3, ids[ExtensionUris.canonicalId(ExtensionUris.VIDEO_ORIENTATION)]);
        assertEquals(14, ids[ExtensionUris.canonicalId(ExtensionUris.AUDIO_LEVEL)]);
        assertEquals(List.of(Codec.VP8, Codec.H264), offer.lines().get(0).withRtx());
        assertTrue(offer.lines().stream().allMatch(ViewerOffer.Line::transportCc));

        String answer = offer.answer(LOCAL, Map.of(
                "0", new ViewerOffer.Sending(1111, 1112, "s", "s-video", "c"),
                "1", new ViewerOffer.Sending(2222, 2223, "s", "s-audio", "c")));
        SessionDescription sd = SessionDescription.parse(answer);
        List<Integer> answered = new java.util.ArrayList<>();
        sd.media().forEach(m -> m.extMaps().forEach(e -> answered.add(e.id())));
        assertEquals(List.of(3, 4, 14, 4), answered, answer);
        int unanswered = ids[ExtensionUris.canonicalId(ExtensionUris.ABS_SEND_TIME)];
        assertTrue(unanswered > 0 && !answered.contains(unanswered), "abs-send-time goes out as " + unanswered);
        assertTrue(sd.media("0").rtcpFeedback(96).contains("transport-cc"), answer);
        assertTrue(answer.contains("a=fmtp:97 apt=96\r\n") && answer.contains("a=ssrc-group:FID 1111 1112"), answer);
    }

    /** RTX goes out under the SFU's RTX payload type: a viewer that numbers it otherwise gets plain video only. */
    @Test
    void answersRtxOnlyUnderTheSfusRtxPayloadType() throws Exception {
        String otherRtx = offer().replace("96 97 102", "96 98 102").replace("a=rtpmap:97 rtx", "a=rtpmap:98 rtx")
                .replace("a=fmtp:97 apt=96", "a=fmtp:98 apt=96");
        ViewerOffer offer = ViewerOffer.parse(otherRtx);
        assertEquals(List.of(), offer.lines().get(0).withRtx());
        String answer = offer.answer(LOCAL, Map.of("0", new ViewerOffer.Sending(1111, 1112, "s", "s-video", "c")));
        MediaDescription video = SessionDescription.parse(answer).media("0");
        assertEquals(List.of("96", "102"), video.formats());
        assertEquals(List.of(1111L), List.copyOf(video.ssrcs().keySet()));
        assertTrue(!answer.contains("FID"), answer);
    }
}
