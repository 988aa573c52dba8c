package dev.vireo.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PublishOfferTest {
    private static final String AV = Captures.read("publish-audio-video");

    /** The committed answers were set as remote description in Chromium 156 and accepted (README.md). */
    @ParameterizedTest
    @MethodSource("publishOffers")
    void answerIsTheOneChromiumAccepted(String name) throws SdpException {
        PublishOffer offer = PublishOffer.parse(Captures.read(name));
        assertEquals(Captures.read(name + "-vireo-answer"), offer.answer(Captures.LOCAL, Captures.ANSWER_SESSION_ID));
    }

    static Stream<String> publishOffers() {
        return Captures.PUBLISH_OFFERS.stream();
    }

    @Test
    void readsTransportAndTracksOfAudioVideoOffer() throws SdpException {
        PublishOffer offer = PublishOffer.parse(AV);
        MediaDescription first = SessionDescription.parse(AV).media().get(0);
        assertEquals(first.iceUfrag(), offer.iceUfrag());
        assertEquals(first.icePwd(), offer.icePwd());
        assertEquals(first.fingerprint(), offer.fingerprint());
        assertEquals("actpass", offer.setup());
        assertEquals(first.candidates(), offer.candidates());
        assertEquals(List.of("0", "1"), offer.bundleMids());

        List<PublishedTrack> tracks = offer.tracks();
        assertEquals(2, tracks.size());
        PublishedTrack audio = tracks.get(0);
        assertEquals("0", audio.mid());
        assertEquals(MediaKind.AUDIO, audio.kind());
        assertEquals(Codec.OPUS, audio.codec());
        assertEquals(111, audio.payloadType());
        assertEquals(-1, audio.rtxPayloadType());
        assertEquals(2392882886L, audio.ssrc());
        assertEquals(-1, audio.rtxSsrc());
        assertEquals("cc2fa909-d530-49e8-9d24-e40376cabdd1", audio.msidStream());
        assertEquals("7ec263b7-0ba4-4d3d-99bb-efa4f13608b2", audio.msidTrack());
        assertFalse(audio.simulcast());

        PublishedTrack video = tracks.get(1);
        assertEquals(Codec.VP8, video.codec());
        assertEquals(96, video.payloadType());
        assertEquals(97, video.rtxPayloadType());
        assertEquals(3590796938L, video.ssrc());
        assertEquals(2387119622L, video.rtxSsrc());
        assertEquals("abfbb0c4-0de0-4629-b65c-03476fb32c44", video.msidTrack());
    }

    @Test
    void chromiumExtensionIdsMapToTheSameCanonicalIds() throws SdpException {
        List<PublishedTrack> tracks = PublishOffer.parse(AV).tracks();
        byte[] audio = new byte[256];
        audio[1] = 1; // audio level
        audio[2] = 2; // abs-send-time
        audio[4] = 4; // mid; transport-cc (3) is not forwarded yet
        assertArrayEquals(audio, tracks.get(0).extensionIdMap());
        byte[] video = new byte[256];
        video[2] = 2;
        video[4] = 4;
        video[10] = 10;
        video[11] = 11;
        video[13] = 13; // not toffset (14), transport-cc (3), playout-delay (5), ...
        assertArrayEquals(video, tracks.get(1).extensionIdMap());
    }

    @Test
    void mapsOtherExtensionIdsAndAnswersWithThePublishersIds() throws SdpException {
        String renumbered = SdpEdits.edit(AV, 0, line -> switch (line) {
            case "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level" ->
                    "a=extmap:7 urn:ietf:params:rtp-hdrext:ssrc-audio-level";
            case "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid" -> "a=extmap:12 urn:ietf:params:rtp-hdrext:sdes:mid";
            default -> line;
        });
        PublishOffer offer = PublishOffer.parse(renumbered);
        PublishedTrack audio = offer.tracks().get(0);
        assertEquals(1, audio.canonicalExtensionId(7));
        assertEquals(4, audio.canonicalExtensionId(12));
        assertEquals(0, audio.canonicalExtensionId(1));
        assertEquals(0, audio.canonicalExtensionId(3));
        MediaDescription answered = SessionDescription.parse(offer.answer(Captures.LOCAL)).media().get(0);
        assertEquals(7, answered.extMapId(ExtensionUris.AUDIO_LEVEL));
        assertEquals(12, answered.extMapId(ExtensionUris.MID));
        assertEquals(-1, answered.extMapId(ExtensionUris.TRANSPORT_CC));
    }

    @Test
    void answerHasTheSfuTransportAndRecvonlyMedia() throws SdpException {
        SessionDescription answer = SessionDescription.parse(PublishOffer.parse(AV).answer(Captures.LOCAL));
        assertEquals(new Group("BUNDLE", List.of("0", "1")), answer.bundle());
        for (MediaDescription m : answer.media()) {
            assertEquals(Direction.RECVONLY, m.direction());
            assertEquals("passive", m.setup());
            assertEquals(Captures.LOCAL.iceUfrag(), m.iceUfrag());
            assertEquals(Captures.LOCAL.icePwd(), m.icePwd());
            assertEquals(Captures.LOCAL.fingerprint(), m.fingerprint());
            assertEquals(Captures.LOCAL.candidates(), m.candidates());
            assertTrue(m.endOfCandidates());
            assertEquals("trickle", m.attribute("ice-options"));
            assertTrue(m.rtcpMux());
            assertTrue(m.rtcpRsize());
            assertEquals(40000, m.port());
            assertEquals("IN IP4 127.0.0.1", m.connection());
        }
        MediaDescription audio = answer.media().get(0);
        assertEquals(List.of("111"), audio.formats());
        assertEquals(new RtpMap(111, "opus", 48000, 2), audio.rtpMap(111));
        assertEquals("minptime=10;useinbandfec=1", audio.fmtp(111));
        assertEquals(List.of(), audio.rtcpFeedback(111));
        MediaDescription video = answer.media().get(1);
        assertEquals(List.of("96", "97"), video.formats());
        assertEquals(List.of("goog-remb", "ccm fir", "nack", "nack pli"), video.rtcpFeedback(96));
        assertEquals(97, video.rtxPayloadTypeFor(96));
        assertTrue(video.ssrcs().isEmpty());
    }

    @Test
    void simulcastOfferIsAnsweredWithRecvRids() throws SdpException {
        PublishOffer offer = PublishOffer.parse(Captures.read("publish-simulcast"));
        PublishedTrack video = offer.tracks().get(1);
        assertEquals(List.of("q", "h", "f"), video.rids());
        assertTrue(video.simulcast());
        assertEquals(-1, video.ssrc());
        MediaDescription answered = SessionDescription.parse(offer.answer(Captures.LOCAL)).media().get(1);
        assertEquals(List.of(new Rid("q", "recv", null), new Rid("h", "recv", null), new Rid("f", "recv", null)),
                answered.rids());
        assertEquals(new Simulcast(List.of(), List.of("q", "h", "f")), answered.simulcast());
    }

    /**
     * Simulcast signalled by SSRC, the way libwebrtc clients did before rids (Chromium still honours it): the
     * captured Chromium offer with its one FID group replaced by three layers in an a=ssrc-group:SIM, lowest first,
     * each paired with its RTX SSRC.
     */
    @Test
    void ssrcSignalledSimulcastGivesOneLayerPerSimSsrcWithItsRtx() throws SdpException {
        String fid = "a=ssrc-group:FID 3590796938 2387119622\r\n";
        String text = Captures.read("publish-audio-video");
        assertTrue(text.contains(fid));
        String sim = text.replace(fid, "a=ssrc-group:SIM 11 12 13\r\na=ssrc-group:FID 11 21\r\n"
                + "a=ssrc-group:FID 12 22\r\na=ssrc-group:FID 13 23\r\n" + "a=ssrc:11 cname:x\r\n"
                + "a=ssrc:12 cname:x\r\na=ssrc:13 cname:x\r\na=ssrc:21 cname:x\r\na=ssrc:22 cname:x\r\n"
                + "a=ssrc:23 cname:x\r\n");
        PublishedTrack video = PublishOffer.parse(sim).tracks().get(1);
        assertFalse(video.simulcast(), "no rids");
        assertEquals(3, video.layerCount());
        assertEquals(List.of(11L, 12L, 13L), List.of(video.layerSsrc(0), video.layerSsrc(1), video.layerSsrc(2)));
        assertEquals(List.of(21L, 22L, 23L),
                List.of(video.layerRtxSsrc(0), video.layerRtxSsrc(1), video.layerRtxSsrc(2)));
        // Without the SIM group: one layer, the FID pair.
        PublishedTrack plain = PublishOffer.parse(text).tracks().get(1);
        assertEquals(1, plain.layerCount());
        assertEquals(3590796938L, plain.layerSsrc(0));
        assertEquals(2387119622L, plain.layerRtxSsrc(0));
    }

    @Test
    void h264OfferGetsConstrainedBaselineInPacketizationMode1() throws SdpException {
        String text = Captures.read("publish-h264");
        MediaDescription offered = SessionDescription.parse(text).media().get(0);
        PublishedTrack video = PublishOffer.parse(text).tracks().get(0);
        assertEquals(Codec.H264, video.codec());
        assertEquals("42e01f", offered.fmtpParameters(video.payloadType()).get("profile-level-id"));
        assertEquals("1", offered.fmtpParameters(video.payloadType()).get("packetization-mode"));
        assertEquals(offered.rtxPayloadTypeFor(video.payloadType()), video.rtxPayloadType());
        MediaDescription answered = SessionDescription.parse(PublishOffer.parse(text).answer(Captures.LOCAL))
                .media().get(0);
        assertEquals(List.of(Integer.toString(video.payloadType()), Integer.toString(video.rtxPayloadType())),
                answered.formats());
        assertEquals(offered.fmtp(video.payloadType()), answered.fmtp(video.payloadType()));
    }

    @Test
    void datachannelLineIsRejectedNotTheOffer() throws SdpException {
        PublishOffer offer = PublishOffer.parse(Captures.read("publish-datachannel"));
        assertEquals(2, offer.tracks().size());
        assertEquals(List.of("0", "1"), offer.bundleMids());
        SessionDescription answer = SessionDescription.parse(offer.answer(Captures.LOCAL));
        MediaDescription app = answer.media().get(2);
        assertEquals("application", app.media());
        assertTrue(app.rejected());
        assertEquals("2", app.mid());
        assertEquals(List.of("0", "1"), answer.bundle().mids());
    }

    @Test
    void recvonlyLineIsRejectedAndLeavesTheBundle() throws SdpException {
        String videoRecvonly = SdpEdits.edit(AV, 1, l -> l.equals("a=sendonly") ? "a=recvonly" : l);
        PublishOffer offer = PublishOffer.parse(videoRecvonly);
        assertEquals(List.of(MediaKind.AUDIO), offer.tracks().stream().map(PublishedTrack::kind).toList());
        SessionDescription answer = SessionDescription.parse(offer.answer(Captures.LOCAL));
        assertEquals(List.of("0"), answer.bundle().mids());
        assertTrue(answer.media().get(1).rejected());
        assertEquals(Direction.INACTIVE, answer.media().get(1).direction());
    }

    @Test
    void sendrecvIsAnsweredRecvonly() throws SdpException {
        String sendrecv = SdpEdits.edit(AV, -2, l -> l.equals("a=sendonly") ? "a=sendrecv" : l);
        SessionDescription answer = SessionDescription.parse(PublishOffer.parse(sendrecv).answer(Captures.LOCAL));
        assertEquals(Direction.RECVONLY, answer.media().get(0).direction());
        assertEquals(Direction.RECVONLY, answer.media().get(1).direction());
    }

    @Test
    void msidFallsBackToTheSsrcAttributeThenToDefaults() throws SdpException {
        PublishedTrack fromSsrc = PublishOffer.parse(SdpEdits.removeLines(AV, "a=msid:")).tracks().get(1);
        assertEquals("cc2fa909-d530-49e8-9d24-e40376cabdd1", fromSsrc.msidStream());
        assertEquals("abfbb0c4-0de0-4629-b65c-03476fb32c44", fromSsrc.msidTrack());
        String none = SdpEdits.removeLines(SdpEdits.removeLines(AV, "a=msid:"), "a=ssrc");
        PublishedTrack bare = PublishOffer.parse(none).tracks().get(1);
        assertEquals("-", bare.msidStream());
        assertEquals("1", bare.msidTrack());
        assertEquals(-1, bare.ssrc());
    }

    /** A one-m-line video offer with transport at session level and the given codec lines. */
    private static String videoOffer(String formats, String... codecLines) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE v\r\na=ice-ufrag:abcd\r\n"
                + "a=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=fingerprint:sha-256 " + "01:".repeat(31) + "02\r\n"
                + "a=setup:active\r\nm=video 9 UDP/TLS/RTP/SAVPF " + formats + "\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=mid:v\r\na=sendonly\r\na=rtcp-mux\r\n" + String.join("\r\n", codecLines) + "\r\n";
    }

    @Test
    void h264ChoiceRanksProfilesAndNeedsPacketizationMode1() throws SdpException {
        String pm0 = videoOffer("100", "a=rtpmap:100 H264/90000",
                "a=fmtp:100 packetization-mode=0;profile-level-id=42e01f");
        assertThrows(SdpException.class, () -> PublishOffer.parse(pm0));

        String high = videoOffer("100 101", "a=rtpmap:100 H264/90000",
                "a=fmtp:100 packetization-mode=1;profile-level-id=640c1f", "a=rtpmap:101 H264/90000",
                "a=fmtp:101 packetization-mode=1;profile-level-id=42001f");
        assertEquals(101, PublishOffer.parse(high).tracks().get(0).payloadType());

        String onlyHigh = videoOffer("100", "a=rtpmap:100 H264/90000",
                "a=fmtp:100 packetization-mode=1;profile-level-id=640c1f");
        PublishOffer offer = PublishOffer.parse(onlyHigh);
        assertEquals(100, offer.tracks().get(0).payloadType());
        assertEquals(-1, offer.tracks().get(0).rtxPayloadType());
        assertEquals("active", offer.setup());
        assertEquals("abcd", offer.iceUfrag());

    }

    @Test
    void thePublishersCodecOrderDecidesBetweenVp8AndH264() throws SdpException {
        String h264First = videoOffer("100 120", "a=rtpmap:100 H264/90000",
                "a=fmtp:100 packetization-mode=1;profile-level-id=42e01f", "a=rtpmap:120 vp8/90000");
        assertEquals(Codec.H264, PublishOffer.parse(h264First).tracks().get(0).codec());

        String vp8First = videoOffer("120 100", "a=rtpmap:100 H264/90000",
                "a=fmtp:100 packetization-mode=1;profile-level-id=42e01f", "a=rtpmap:120 vp8/90000");
        assertEquals(Codec.VP8, PublishOffer.parse(vp8First).tracks().get(0).codec());

        // An H.264 the SFU cannot forward (interleaved mode) does not win over a later VP8.
        String unusableH264First = videoOffer("100 120", "a=rtpmap:100 H264/90000",
                "a=fmtp:100 packetization-mode=0;profile-level-id=42e01f", "a=rtpmap:120 vp8/90000");
        assertEquals(Codec.VP8, PublishOffer.parse(unusableH264First).tracks().get(0).codec());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("brokenOffers")
    void rejectsOffersBreakingTheRules(UnaryOperator<String> breakIt, String message) {
        SdpException e = assertThrows(SdpException.class, () -> PublishOffer.parse(breakIt.apply(AV)));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> brokenOffers() {
        return Stream.of(
                Arguments.of((UnaryOperator<String>) s -> SdpEdits.removeLines(s, "a=group:"),
                        "offer has no a=group:BUNDLE"),
                Arguments.of((UnaryOperator<String>) s -> s.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0"),
                        "m-line 1 (video) is not in the a=group:BUNDLE"),
                Arguments.of((UnaryOperator<String>) s -> SdpEdits.removeLines(s, 1, "a=rtcp-mux"),
                        "m-line 1 (video) lacks a=rtcp-mux"),
                Arguments.of((UnaryOperator<String>) s -> SdpEdits.removeLines(s, 0, "a=mid:"),
                        "m-line 0 (audio) has no a=mid"),
                Arguments.of((UnaryOperator<String>) s -> SdpEdits.removeLines(s, "a=fingerprint:"),
                        "offer has no sha-256 a=fingerprint"),
                Arguments.of((UnaryOperator<String>) s -> SdpEdits.edit(s, -2,
                                l -> l.startsWith("a=fingerprint:") ? "a=fingerprint:sha-1 01:02:03" : l),
                        "offer has no sha-256 a=fingerprint"),
                Arguments.of((UnaryOperator<String>) s -> SdpEdits.edit(s, 1,
                                l -> l.startsWith("a=fingerprint:") ? "a=fingerprint:sha-256 " + "01:".repeat(31) + "02"
                                        : l),
                        "offer has different sha-256 fingerprints in one BUNDLE group"),
                Arguments.of((UnaryOperator<String>) s -> SdpEdits.removeLines(s, "a=ice-ufrag:"),
                        "offer has no a=ice-ufrag"),
                Arguments.of((UnaryOperator<String>) s -> SdpEdits.removeLines(s, "a=ice-pwd:"),
                        "offer has no a=ice-pwd"),
                Arguments.of((UnaryOperator<String>) s -> SdpEdits.removeLines(s, "a=setup:"),
                        "offer has no a=setup"),
                Arguments.of((UnaryOperator<String>) s -> s.replace("a=setup:actpass", "a=setup:passive"),
                        "offer has a=setup:passive but the SFU is always the DTLS server: offer a=setup:actpass"),
                Arguments.of((UnaryOperator<String>) s -> s.replace("a=sendonly", "a=recvonly"),
                        "offer has no m-line the SFU can receive (sendonly audio with opus, video with VP8 or H264 "
                                + "packetization-mode=1)"),
                Arguments.of((UnaryOperator<String>) s -> "hello world",
                        "line 1: not a <type>=<value> line"),
                Arguments.of((UnaryOperator<String>) s -> s.replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 opus"),
                        "line 28: bad a=rtpmap:111 opus (want <pt> <name>/<clock rate>[/<channels>])"));
    }
}
