package dev.vireo.bench.signal;

import dev.vireo.sdp.Codec;
import dev.vireo.sdp.LocalTransport;
import dev.vireo.sdp.MediaKind;
import dev.vireo.sdp.OutgoingTrack;
import dev.vireo.sdp.PublishOffer;
import dev.vireo.sdp.PublishedTrack;
import dev.vireo.sdp.SessionDescription;
import dev.vireo.sdp.SubscribeAnswer;
import dev.vireo.sdp.SubscribeOffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load client's SDP is checked by the SFU's own parsers: what they refuse, the server would refuse. */
class LoadSdpTest {
    private static final String FP = "sha-256 " + "AB:".repeat(31) + "AB";
    private static final LocalEndpoint CLIENT =
            new LocalEndpoint("cUfr", "clientpassword0123456789", "1 1 udp 2130706431 127.0.0.1 40000 typ host", FP);

    @Test
    void publishOfferIsAcceptedWithItsSsrcs() throws Exception {
        PublishOffer offer = PublishOffer.parse(LoadSdp.publishOffer(CLIENT, 1111, 2222));
        List<PublishedTrack> tracks = offer.tracks();
        assertEquals(2, tracks.size());
        assertEquals(MediaKind.AUDIO, tracks.get(0).kind());
        assertEquals(Codec.OPUS, tracks.get(0).codec());
        assertEquals(1111, tracks.get(0).ssrc());
        assertEquals(Codec.VP8, tracks.get(1).codec());
        assertEquals(2222, tracks.get(1).ssrc());
        assertEquals("actpass", offer.setup());
        assertEquals("cUfr", offer.iceUfrag());
        assertEquals(List.of("candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host"),
                offer.candidates().stream().map(c -> c.startsWith("candidate:") ? c : "candidate:" + c).toList());
    }

    @Test
    void audioOnlyOfferHasOneMLine() throws Exception {
        PublishOffer offer = PublishOffer.parse(LoadSdp.publishOffer(CLIENT, 1111, -1));
        assertEquals(1, offer.tracks().size());
        assertEquals(MediaKind.AUDIO, offer.tracks().get(0).kind());
    }

    @Test
    void subscribeAnswerIsAcceptedAndReceivesEveryActiveTrack() throws Exception {
        LocalTransport server = new LocalTransport("sUfr", "serverpassword0123456789",
                List.of("candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host"), FP);
        List<OutgoingTrack> tracks = List.of(
                new OutgoingTrack("0", MediaKind.AUDIO, true, 10, "s", "a", "c"),
                new OutgoingTrack("1", MediaKind.VIDEO, true, 11, "s", "v", "c", 12),
                new OutgoingTrack("2", MediaKind.VIDEO, false, -1, null, null, null));
        String offer = SubscribeOffer.build(server, 1, tracks);
        String answerSdp = LoadSdp.subscribeAnswer(SessionDescription.parse(offer), CLIENT);
        SubscribeAnswer answer = SubscribeOffer.parseAnswer(answerSdp, tracks);
        assertEquals("active", answer.setup());
        assertTrue(answer.accepts("0", Codec.OPUS));
        assertTrue(answer.accepts("1", Codec.VP8));
        assertFalse(answer.accepts("1", Codec.H264));
        assertTrue(answerSdp.contains("a=mid:2\r\na=inactive"), answerSdp);
    }

    @Test
    void payloadTypesComeFromTheServersSide() throws Exception {
        PublishOffer offer = PublishOffer.parse(LoadSdp.publishOffer(CLIENT, 1111, 2222));
        LocalTransport server = new LocalTransport("sUfr", "serverpassword0123456789",
                List.of("candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host"), FP);
        LoadSdp.Negotiated pts = LoadSdp.payloadTypes(SessionDescription.parse(offer.answer(server)));
        assertEquals(LoadSdp.OPUS_PT, pts.opusPt());
        assertEquals(LoadSdp.VP8_PT, pts.vp8Pt());
    }
}
