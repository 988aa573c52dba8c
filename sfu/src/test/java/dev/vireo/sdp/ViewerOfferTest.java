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
        assertEquals(List.of(new ViewerOffer.Line("0", MediaKind.VIDEO, List.of(Codec.VP8, Codec.H264)),
                new ViewerOffer.Line("1", MediaKind.AUDIO, List.of(Codec.OPUS))), offer.lines());
        assertEquals("viewA", offer.iceUfrag());
        assertEquals("actpass", offer.setup());
    }

    @Test
    void answersSendonlyWithTheSfusSsrcsAndTransport() throws Exception {
        ViewerOffer offer = ViewerOffer.parse(offer());
        String answer = offer.answer(LOCAL, Map.of(
                "0", new ViewerOffer.Sending(1111, "s", "s-video", "c"),
                "1", new ViewerOffer.Sending(2222, "s", "s-audio", "c")));
        SessionDescription sd = SessionDescription.parse(answer);
        assertEquals(List.of("0", "1"), sd.bundle().mids());
        MediaDescription video = sd.media("0");
        assertEquals(Direction.SENDONLY, video.direction());
        assertEquals(List.of("96", "102"), video.formats());
        assertEquals("passive", video.setup());
        assertEquals(13, video.extMapId(ExtensionUris.VIDEO_ORIENTATION));
        assertTrue(video.ssrcs().containsKey(1111L));
        assertEquals(List.of("nack", "nack pli", "ccm fir").stream().sorted().toList(),
                video.rtcpFeedback(96).stream().sorted().toList());
        MediaDescription audio = sd.media("1");
        assertEquals(List.of("111"), audio.formats());
        assertEquals(1, audio.extMapId(ExtensionUris.AUDIO_LEVEL));
        assertTrue(audio.ssrcs().containsKey(2222L));
        assertTrue(answer.contains("a=candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host"));
    }

    @Test
    void rejectsLinesWithoutACanonicalPayloadTypeAndOffersWithNone() throws Exception {
        String otherNumbers = offer().replace("a=rtpmap:111 opus", "a=rtpmap:110 opus")
                .replace("UDP/TLS/RTP/SAVPF 111", "UDP/TLS/RTP/SAVPF 110").replace("a=fmtp:111", "a=fmtp:110");
        ViewerOffer offer = ViewerOffer.parse(otherNumbers);
        assertEquals(1, offer.lines().size(), "Opus as 110 cannot be forwarded untouched");
        String answer = offer.answer(LOCAL, Map.of("0", new ViewerOffer.Sending(1, "s", "t", "c")));
        assertTrue(answer.contains("m=audio 0 "), answer);

        for (String bad : List.of(offer().replace("a=recvonly", "a=sendonly"),
                offer().replace("a=group:BUNDLE 0 1\r\n", ""), offer().replace("a=rtcp-mux\r\n", ""),
                offer().replace("a=setup:actpass", "a=setup:passive"), "v=0\r\n")) {
            assertThrows(SdpException.class, () -> ViewerOffer.parse(bad));
        }
    }
}
