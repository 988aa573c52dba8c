package dev.vireo.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubscribeOfferTest {
    /** Chromium 156 took the committed offers as remote description and answered them (README.md). */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void offerIsTheOneChromiumAccepted(int version) {
        assertEquals(Captures.read("vireo-subscribe-offer-v" + version),
                SubscribeOffer.build(Captures.LOCAL, version, Captures.subscribeTracks(version)));
    }

    @Test
    void offerStructure() throws SdpException {
        SessionDescription v1 = SessionDescription.parse(
                SubscribeOffer.build(Captures.LOCAL, 1, Captures.subscribeTracks(1)));
        SessionDescription v2 = SessionDescription.parse(
                SubscribeOffer.build(Captures.LOCAL, 2, Captures.subscribeTracks(2)));
        assertEquals(v1.origin().sessionId(), v2.origin().sessionId());
        assertEquals(1, v1.origin().sessionVersion());
        assertEquals(2, v2.origin().sessionVersion());
        assertEquals(new Group("BUNDLE", List.of("0", "1", "2", "3")), v2.bundle());
        assertEquals(" WMS *", v2.attribute("msid-semantic"));

        for (MediaDescription m : v2.media()) {
            assertEquals("actpass", m.setup());
            assertTrue(m.rtcpMux());
            assertTrue(m.rtcpRsize());
            assertEquals(Captures.LOCAL.iceUfrag(), m.iceUfrag());
            assertEquals(Captures.LOCAL.icePwd(), m.icePwd());
            assertEquals(Captures.LOCAL.fingerprint(), m.fingerprint());
            assertEquals(Captures.LOCAL.candidates(), m.candidates());
            assertTrue(m.endOfCandidates());
        }
        MediaDescription gone = v2.media().get(0);
        assertEquals(Direction.INACTIVE, gone.direction());
        assertTrue(gone.ssrcs().isEmpty());
        assertNull(gone.msid());
        assertEquals(List.of("111"), gone.formats());

        MediaDescription aliceVideo = v2.media().get(1);
        assertEquals(Direction.SENDONLY, aliceVideo.direction());
        assertEquals(new Msid("alice", "alice-video"), aliceVideo.msid());
        assertEquals(List.of("96", "97", "102", "103"), aliceVideo.formats());
        assertEquals(new RtpMap(96, "VP8", 90000, 0), aliceVideo.rtpMap(96));
        assertEquals(97, aliceVideo.rtxPayloadTypeFor(96));
        assertEquals(103, aliceVideo.rtxPayloadTypeFor(102));
        assertEquals(Codec.H264.fmtp(), aliceVideo.fmtp(102));
        assertEquals(List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"), aliceVideo.rtcpFeedback(102));
        assertEquals(new SsrcGroup("FID", List.of(2222L, 3333L)), aliceVideo.ssrcGroup("FID"));
        assertEquals("alicecname", aliceVideo.ssrcs().get(2222L).get("cname"));
        assertEquals("alice alice-video", aliceVideo.ssrcs().get(3333L).get("msid"));
        assertEquals(13, aliceVideo.extMapId(ExtensionUris.VIDEO_ORIENTATION));

        MediaDescription bobAudio = v2.media().get(2);
        assertEquals(new RtpMap(111, "opus", 48000, 2), bobAudio.rtpMap(111));
        assertEquals(Codec.OPUS.fmtp(), bobAudio.fmtp(111));
        assertEquals(List.of(new ExtMap(1, null, ExtensionUris.AUDIO_LEVEL, null),
                new ExtMap(3, null, ExtensionUris.TRANSPORT_CC, null)), bobAudio.extMaps());
        assertEquals(List.of(4444L), List.copyOf(bobAudio.ssrcs().keySet()));
        assertEquals("bob bob-audio", bobAudio.ssrcs().get(4444L).get("msid"));

        MediaDescription bobVideo = v2.media().get(3);
        assertNull(bobVideo.ssrcGroup("FID"));
        assertEquals(List.of(5555L), List.copyOf(bobVideo.ssrcs().keySet()));
    }

    @Test
    void buildRefusesImpossibleOffers() {
        assertThrows(IllegalArgumentException.class, () -> SubscribeOffer.build(Captures.LOCAL, 1, List.of()));
        OutgoingTrack a = new OutgoingTrack("x", MediaKind.AUDIO, true, 1, "s", "t", "c");
        assertThrows(IllegalArgumentException.class, () -> SubscribeOffer.build(Captures.LOCAL, 1, List.of(a, a)));
        OutgoingTrack spaced = new OutgoingTrack("x", MediaKind.AUDIO, true, 1, "s", "t", "c\r\nx");
        assertThrows(IllegalArgumentException.class, () -> SubscribeOffer.build(Captures.LOCAL, 1, List.of(spaced)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void readsChromiumAnswers(int version) throws SdpException {
        String text = Captures.read("subscribe-answer-v" + version);
        MediaDescription first = SessionDescription.parse(text).media().get(0);
        List<OutgoingTrack> offered = Captures.subscribeTracks(version);
        SubscribeAnswer answer = SubscribeOffer.parseAnswer(text, offered);
        assertEquals("active", answer.setup());
        assertEquals(first.iceUfrag(), answer.iceUfrag());
        assertEquals(first.icePwd(), answer.icePwd());
        assertEquals(first.fingerprint(), answer.fingerprint());
        assertEquals(first.candidates(), answer.candidates());
        assertFalse(answer.candidates().isEmpty());
        for (OutgoingTrack t : offered) {
            assertFalse(answer.rejected(t.mid()));
            if (t.kind() == MediaKind.AUDIO) {
                assertTrue(answer.accepts(t.mid(), Codec.OPUS));
                assertFalse(answer.accepts(t.mid(), Codec.VP8));
            } else {
                assertTrue(answer.accepts(t.mid(), Codec.VP8));
                assertTrue(answer.acceptsRtx(t.mid(), Codec.VP8));
                assertTrue(answer.accepts(t.mid(), Codec.H264));
                assertFalse(answer.accepts(t.mid(), Codec.OPUS));
            }
        }
        assertTrue(answer.rejected("no-such-mid"));
    }

    @Test
    void answerWithoutACodecDoesNotAcceptIt() throws SdpException {
        String noVp8 = SdpEdits.edit(Captures.read("subscribe-answer-v1"), 1, l -> l.startsWith("m=video")
                ? l.replace(" 96 97 ", " ") : l.matches("a=(rtpmap|fmtp|rtcp-fb):9[67] .*") ? null : l);
        SubscribeAnswer answer = SubscribeOffer.parseAnswer(noVp8, Captures.subscribeTracks(1));
        assertFalse(answer.accepts("1", Codec.VP8));
        assertTrue(answer.accepts("1", Codec.H264));
    }

    @Test
    void rejectedLineIsReported() throws SdpException {
        String rejected = SdpEdits.edit(Captures.read("subscribe-answer-v2"), 3,
                l -> l.startsWith("m=video") ? l.replaceFirst("m=video \\d+", "m=video 0") : l);
        SubscribeAnswer answer = SubscribeOffer.parseAnswer(rejected, Captures.subscribeTracks(2));
        assertTrue(answer.rejected("3"));
        assertFalse(answer.accepts("3", Codec.VP8));
        assertFalse(answer.rejected("1"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("brokenAnswers")
    void rejectsAnswersBreakingTheRules(UnaryOperator<String> breakIt, String message, int version) {
        String text = breakIt.apply(Captures.read("subscribe-answer-v1"));
        SdpException e = assertThrows(SdpException.class,
                () -> SubscribeOffer.parseAnswer(text, Captures.subscribeTracks(version)));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> brokenAnswers() {
        return Stream.of(
                Arguments.of((UnaryOperator<String>) s -> SdpEdits.removeLines(s, "a=group:"),
                        "answer has no a=group:BUNDLE", 1),
                Arguments.of((UnaryOperator<String>) s -> SdpEdits.removeLines(s, 1, "a=rtcp-mux"),
                        "m-line 1 (video) lacks a=rtcp-mux", 1),
                Arguments.of((UnaryOperator<String>) s -> s.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0"),
                        "m-line 1 (video) is not in the a=group:BUNDLE", 1),
                Arguments.of((UnaryOperator<String>) s -> s.replace("a=setup:active", "a=setup:passive"),
                        "answer has a=setup:passive but the SFU is always the DTLS server: answer a=setup:active", 1),
                Arguments.of((UnaryOperator<String>) s -> SdpEdits.removeLines(s, "a=fingerprint:"),
                        "answer has no sha-256 a=fingerprint", 1),
                Arguments.of((UnaryOperator<String>) s -> s.replace("a=recvonly", "a=sendrecv"),
                        "m-line 0 (audio) answers a=sendrecv but the SFU only offered to send", 1),
                Arguments.of((UnaryOperator<String>) s -> s, "answer has 2 m-lines, the offer had 4", 2),
                Arguments.of((UnaryOperator<String>) s -> s.replace("a=mid:1", "a=mid:7"),
                        "m-line 1 (video) has a=mid:7, the offer had a=mid:1", 1),
                Arguments.of((UnaryOperator<String>) s -> s.replaceAll("m=(audio|video) \\d+", "m=$1 0"),
                        "answer rejects every m-line", 1),
                Arguments.of((UnaryOperator<String>) s -> s.substring(0, s.indexOf("t=0 0")), "session description lacks a t= line", 1));
    }
}
