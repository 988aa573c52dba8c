package dev.vireo.bench.signal;

import dev.vireo.sdp.MediaDescription;
import dev.vireo.sdp.MediaKind;
import dev.vireo.sdp.RtpMap;
import dev.vireo.sdp.SdpException;
import dev.vireo.sdp.SessionDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The SDP a load client writes: a publish offer shaped like a browser's (BUNDLE, rtcp-mux, sendonly Opus and VP8 with
 * a=ssrc lines, one 127.0.0.1 host candidate, setup:actpass; RFC 8829 §5.2) and a subscriber's answer to a server's
 * offer (recvonly, VP8 and Opus only, setup:active so the client is the DTLS client; RFC 8829 §5.3, RFC 5763 §5).
 */
public final class LoadSdp {
    /** Payload types the publish offer uses; servers may answer others for the same codec. */
    public static final int OPUS_PT = 111;
    public static final int VP8_PT = 96;
    private static final String CRLF = "\r\n";

    private LoadSdp() {
    }

    /**
     * A publish offer. {@code videoSsrc} &lt; 0 leaves video out (an audio-only speaker).
     */
    public static String publishOffer(LocalEndpoint local, long audioSsrc, long videoSsrc) {
        boolean video = videoSsrc >= 0;
        StringBuilder sdp = session(video ? "BUNDLE 0 1" : "BUNDLE 0");
        sdp.append("a=msid-semantic: WMS bench").append(CRLF);
        mLine(sdp, "audio", OPUS_PT, local, "0", "actpass", "sendonly");
        sdp.append("a=msid:bench audio").append(CRLF);
        sdp.append("a=rtpmap:").append(OPUS_PT).append(" opus/48000/2").append(CRLF);
        sdp.append("a=fmtp:").append(OPUS_PT).append(" minptime=10;useinbandfec=1").append(CRLF);
        ssrc(sdp, audioSsrc, "audio");
        if (video) {
            mLine(sdp, "video", VP8_PT, local, "1", "actpass", "sendonly");
            sdp.append("a=msid:bench video").append(CRLF);
            sdp.append("a=rtpmap:").append(VP8_PT).append(" VP8/90000").append(CRLF);
            for (String fb : List.of("goog-remb", "ccm fir", "nack", "nack pli")) {
                sdp.append("a=rtcp-fb:").append(VP8_PT).append(' ').append(fb).append(CRLF);
            }
            ssrc(sdp, videoSsrc, "video");
        }
        return sdp.toString();
    }

    /** The payload types a server answered or offered for Opus and VP8 (-1 when absent). */
    public record Negotiated(int opusPt, int vp8Pt) {
    }

    /** Reads the Opus and VP8 payload types from the server's side. */
    public static Negotiated payloadTypes(SessionDescription sd) {
        int opus = -1;
        int vp8 = -1;
        for (MediaDescription m : sd.media()) {
            if (m.rejected()) {
                continue;
            }
            int pt = firstCodec(m, m.kind() == MediaKind.AUDIO ? "opus" : "VP8");
            if (m.kind() == MediaKind.AUDIO && opus < 0) {
                opus = pt;
            } else if (m.kind() == MediaKind.VIDEO && vp8 < 0) {
                vp8 = pt;
            }
        }
        return new Negotiated(opus, vp8);
    }

    /**
     * The answer to a server's subscribe offer: every audio m-line with Opus and video m-line with VP8 is accepted
     * recvonly (inactive stays inactive); anything else is rejected with port 0 (RFC 3264 §6).
     *
     * @throws SdpException when the offer accepts nothing this client can receive
     */
    public static String subscribeAnswer(SessionDescription offer, LocalEndpoint local) throws SdpException {
        List<String> bundle = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (MediaDescription m : offer.media()) {
            MediaKind kind = m.kind();
            int pt = m.rejected() || kind == null ? -1 : firstCodec(m, kind == MediaKind.AUDIO ? "opus" : "VP8");
            if (pt < 0) {
                lines.append("m=").append(m.media()).append(" 0 ").append(m.proto()).append(' ')
                        .append(m.formats().isEmpty() ? "0" : m.formats().get(0)).append(CRLF);
                lines.append("c=IN IP4 0.0.0.0").append(CRLF);
                if (m.mid() != null) {
                    lines.append("a=mid:").append(m.mid()).append(CRLF);
                }
                continue;
            }
            String direction = m.direction().sends() ? "recvonly" : "inactive";
            mLine(lines, m.media(), pt, local, m.mid(), "active", direction);
            RtpMap map = m.rtpMap(pt);
            lines.append("a=rtpmap:").append(map).append(CRLF);
            if (m.fmtp(pt) != null) {
                lines.append("a=fmtp:").append(pt).append(' ').append(m.fmtp(pt)).append(CRLF);
            }
            for (String fb : m.rtcpFeedback(pt)) {
                lines.append("a=rtcp-fb:").append(pt).append(' ').append(fb).append(CRLF);
            }
            bundle.add(m.mid());
        }
        if (bundle.isEmpty()) {
            throw new SdpException("the offer has no Opus or VP8 m-line to receive");
        }
        StringBuilder sdp = session("BUNDLE " + String.join(" ", bundle));
        sdp.append("a=msid-semantic: WMS").append(CRLF);
        return sdp.append(lines).toString();
    }

    private static int firstCodec(MediaDescription m, String name) {
        for (String f : m.formats()) {
            try {
                RtpMap map = m.rtpMap(Integer.parseInt(f));
                if (map != null && map.is(name)) {
                    return map.payloadType();
                }
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    private static StringBuilder session(String group) {
        long id = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        return new StringBuilder()
                .append("v=0").append(CRLF)
                .append("o=- ").append(id).append(" 2 IN IP4 127.0.0.1").append(CRLF)
                .append("s=-").append(CRLF)
                .append("t=0 0").append(CRLF)
                .append("a=group:").append(group).append(CRLF);
    }

    /** The m-line and the bundled transport's attributes; every m-line carries them, as browsers write. */
    private static void mLine(StringBuilder sdp, String media, int pt, LocalEndpoint local, String mid, String setup,
                              String direction) {
        String[] c = local.candidate().split(" ");
        sdp.append("m=").append(media).append(' ').append(c[5]).append(" UDP/TLS/RTP/SAVPF ").append(pt).append(CRLF);
        sdp.append("c=IN IP4 ").append(c[4]).append(CRLF);
        sdp.append("a=candidate:").append(local.candidate()).append(CRLF);
        sdp.append("a=end-of-candidates").append(CRLF);
        sdp.append("a=ice-ufrag:").append(local.ufrag()).append(CRLF);
        sdp.append("a=ice-pwd:").append(local.password()).append(CRLF);
        sdp.append("a=fingerprint:").append(local.fingerprint()).append(CRLF);
        sdp.append("a=setup:").append(setup).append(CRLF);
        sdp.append("a=mid:").append(mid).append(CRLF);
        sdp.append('a').append('=').append(direction).append(CRLF);
        sdp.append("a=rtcp-mux").append(CRLF);
    }

    private static void ssrc(StringBuilder sdp, long ssrc, String track) {
        sdp.append("a=ssrc:").append(ssrc).append(" cname:bench").append(CRLF);
        sdp.append("a=ssrc:").append(ssrc).append(" msid:bench ").append(track).append(CRLF);
    }
}
