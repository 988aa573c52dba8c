package dev.vireo.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionDescriptionTest {
    @Test
    void readsChromiumAudioVideoOffer() throws SdpException {
        SessionDescription sd = SessionDescription.parse(Captures.read("publish-audio-video"));
        assertEquals("7875069363535831533", sd.origin().sessionId());
        assertEquals(2, sd.origin().sessionVersion());
        assertEquals("-", sd.sessionName());
        assertEquals(new Group("BUNDLE", List.of("0", "1")), sd.bundle());
        assertTrue(sd.hasAttribute("extmap-allow-mixed"));
        assertEquals(2, sd.media().size());

        MediaDescription audio = sd.media().get(0);
        assertEquals(MediaKind.AUDIO, audio.kind());
        assertEquals(42095, audio.port());
        assertEquals("UDP/TLS/RTP/SAVPF", audio.proto());
        assertEquals(List.of("111", "63", "9", "0", "8", "13", "110", "126"), audio.formats());
        assertEquals("IN IP4 127.0.0.1", audio.connection());
        assertEquals("0", audio.mid());
        assertEquals(Direction.SENDONLY, audio.direction());
        assertTrue(audio.rtcpMux());
        assertTrue(audio.rtcpRsize());
        assertEquals("actpass", audio.setup());
        assertTrue(audio.fingerprint().startsWith("sha-256 "));
        assertEquals(new RtpMap(111, "opus", 48000, 2), audio.rtpMap(111));
        assertEquals(new RtpMap(0, "PCMU", 8000, 0), audio.rtpMap(0));
        assertEquals("minptime=10;useinbandfec=1", audio.fmtp(111));
        assertEquals(Map.of("minptime", "10", "useinbandfec", "1"), audio.fmtpParameters(111));
        assertEquals(List.of("transport-cc"), audio.rtcpFeedback(111));
        assertEquals(1, audio.extMapId(ExtensionUris.AUDIO_LEVEL));
        assertEquals(3, audio.extMapId(ExtensionUris.TRANSPORT_CC));
        assertEquals(List.of(2392882886L), List.copyOf(audio.ssrcs().keySet()));
        assertEquals("6qxs4MZYPV/vGWpa", audio.ssrcs().get(2392882886L).get("cname"));
        assertEquals(new Msid("cc2fa909-d530-49e8-9d24-e40376cabdd1", "7ec263b7-0ba4-4d3d-99bb-efa4f13608b2"),
                audio.msid());
        assertEquals(List.of(
                "candidate:386101034 1 udp 2122260223 127.0.0.1 42095 typ host generation 0 network-id 1 network-cost 50",
                "candidate:3920214974 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active generation 0 network-id 1"
                        + " network-cost 50"), audio.candidates());

        MediaDescription video = sd.media().get(1);
        assertEquals(MediaKind.VIDEO, video.kind());
        assertEquals(new RtpMap(96, "VP8", 90000, 0), video.rtpMap(96));
        assertEquals(97, video.rtxPayloadTypeFor(96));
        assertEquals(103, video.rtxPayloadTypeFor(102));
        assertEquals(-1, video.rtxPayloadTypeFor(120));
        assertEquals(List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"), video.rtcpFeedback(96));
        assertEquals("1", video.fmtpParameters(102).get("packetization-mode"));
        assertEquals("42001f", video.fmtpParameters(102).get("profile-level-id"));
        assertEquals(new ExtMap(14, null, "urn:ietf:params:rtp-hdrext:toffset", null), video.extMaps().get(0));
        assertEquals(10, video.extMapId(ExtensionUris.RTP_STREAM_ID));
        assertEquals(new SsrcGroup("FID", List.of(3590796938L, 2387119622L)), video.ssrcGroup("FID"));
        assertEquals(List.of(3590796938L, 2387119622L), List.copyOf(video.ssrcs().keySet()));
        assertNull(video.simulcast());
        assertTrue(video.rids().isEmpty());
    }

    @Test
    void readsSimulcastRids() throws SdpException {
        MediaDescription video = SessionDescription.parse(Captures.read("publish-simulcast")).media().get(1);
        assertEquals(List.of(new Rid("q", "send", null), new Rid("h", "send", null), new Rid("f", "send", null)),
                video.rids());
        assertEquals(new Simulcast(List.of("q", "h", "f"), List.of()), video.simulcast());
        assertTrue(video.ssrcs().isEmpty(), "Chromium signals no video SSRC with rid simulcast");
    }

    @Test
    void readsDatachannelLine() throws SdpException {
        MediaDescription app = SessionDescription.parse(Captures.read("publish-datachannel")).media().get(2);
        assertEquals("application", app.media());
        assertNull(app.kind());
        assertFalse(app.isRtp());
        assertEquals(List.of("webrtc-datachannel"), app.formats());
        assertEquals("5000", app.attribute("sctp-port"));
        assertEquals("2", app.mid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"publish-audio-video", "publish-audio-only", "publish-simulcast", "publish-h264",
            "publish-datachannel", "subscribe-answer-v1", "subscribe-answer-v2", "vireo-subscribe-offer-v2",
            "publish-simulcast-vireo-answer"})
    void roundTripsCapturesExactly(String name) throws SdpException {
        String text = Captures.read(name);
        SessionDescription sd = SessionDescription.parse(text);
        assertEquals(text, sd.toString());
        assertEquals(text, SessionDescription.parse(sd.toString()).toString());
    }

    @Test
    void acceptsBareLineFeedsAndWritesCrLf() throws SdpException {
        String crlf = Captures.read("publish-audio-only");
        String lf = crlf.replace("\r\n", "\n");
        SessionDescription sd = SessionDescription.parse(lf);
        assertEquals(crlf, sd.toString());
        assertFalse(sd.toString().replace("\r\n", "").contains("\n"));
    }

    @Test
    void mediaWithoutDirectionIsSendRecv() throws SdpException {
        SessionDescription sd = SessionDescription.parse("v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 0\n");
        assertEquals(Direction.SENDRECV, sd.media().get(0).direction());
        assertNull(sd.media().get(0).mid());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "''                                                                 | empty session description",
        "o=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0                               | must start with v=0",
        "v=1\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0                         | must start with v=0",
        "v=0\\ns=-\\nt=0 0                                                  | lacks an o= line",
        "v=0\\no=- 1 1 IN IP4\\ns=-\\nt=0 0                                 | line 2: bad o=",
        "v=0\\no=- x 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0                         | line 2: bad o=",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\nt=0 0                               | lacks an s= line",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-                                 | lacks a t= line",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nhello                 | line 5: not a <type>=<value> line",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nX=1                   | line 5: not a <type>=<value> line",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio               | line 5: bad m=audio",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9             | line 5: bad m=audio 9",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio x RTP/AVP 0   | line 5: bad m=audio x",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 70000 RTP/AVP 0 | line 5: bad m=audio 70000",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 200 | line 5: m-line format 200 is not an RTP",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=rtpmap:0 PCMU        | line 6: bad a=rtpmap",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=rtpmap:300 PCMU/8000  | line 6: bad a=rtpmap",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=rtpmap:0 PCMU/fast    | line 6: bad a=rtpmap",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=rtpmap              | line 6: a=rtpmap needs a value",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=extmap:0 urn:x       | line 6: bad a=extmap",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=ssrc:-1 cname:x      | line 6: bad a=ssrc",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=ssrc:4294967296 cname:x | line 6: bad a=ssrc",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=ssrc-group:FID       | line 6: bad a=ssrc-group",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=rid:q sideways      | line 6: bad a=rid",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=simulcast:send      | line 6: bad a=simulcast",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=setup:client       | line 6: bad a=setup",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=fingerprint:sha-256 ZZ | line 6: bad a=fingerprint",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=candidate:1 1 udp   | line 6: bad a=candidate",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=rtcp-mux:yes        | line 6: a=rtcp-mux takes no value",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=mid:0\\na=mid:1     | m-line 0 (audio) has more than one a=mid",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=sendonly\\na=inactive | m-line 0 (audio) has more than one direction",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\na=mid:a\\nm=video 9 RTP/AVP 96\\na=mid:a | m-line 1 (video) repeats a=mid:a",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0\\ns=again                | line 6: s= is not allowed in a media",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nm=audio 9 RTP/AVP 0\\nt=0 0                         | line 4: m-line before",
        "v=0\\no=- 1 1 IN IP4 0.0.0.0\\ns=-\\nt=0 0\\na=:x                                         | line 5: bad attribute name",
    })
    void rejectsBrokenDescriptions(String escaped, String expected) {
        String sdp = escaped.replace("\\n", "\n");
        SdpException e = assertThrows(SdpException.class, () -> SessionDescription.parse(sdp));
        assertTrue(e.getMessage().contains(expected.trim()), () -> "message: " + e.getMessage());
    }

    @Test
    void rejectsNulAndStrayCarriageReturn() {
        String base = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";
        assertThrows(SdpException.class, () -> SessionDescription.parse(base + "a=x:\0\r\n"));
        assertThrows(SdpException.class, () -> SessionDescription.parse(base + "a=x:a\rb\r\n"));
    }

    @Test
    void builderWritesWhatParserReads() throws SdpException {
        MediaDescription m = MediaDescription.builder("video", 9, "UDP/TLS/RTP/SAVPF").format(96)
                .field('c', "IN IP4 0.0.0.0").attribute("mid", "v").flag("recvonly")
                .attribute("rtpmap", "96 VP8/90000").attribute("simulcast", "recv a;b").build();
        SessionDescription sd = SessionDescription.builder(new Origin("-", "5", 3, "IN", "IP4", "127.0.0.1"))
                .attribute("group", "BUNDLE v").media(m).build();
        String text = sd.toString();
        assertEquals("v=0\r\no=- 5 3 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE v\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:v\r\na=recvonly\r\n"
                + "a=rtpmap:96 VP8/90000\r\na=simulcast:recv a;b\r\n", text);
        SessionDescription back = SessionDescription.parse(text);
        assertEquals(Direction.RECVONLY, back.media("v").direction());
        assertEquals(new Simulcast(List.of(), List.of("a", "b")), back.media("v").simulcast());
    }

    @Test
    void builderRefusesBadAttributes() {
        assertThrows(IllegalArgumentException.class,
                () -> MediaDescription.builder("audio", 9, "RTP/AVP").format(0).attribute("rtpmap", "0").build());
        assertThrows(IllegalArgumentException.class,
                () -> MediaDescription.builder("audio", 9, "RTP/AVP").attribute("mid", "a\r\nb"));
    }
}
