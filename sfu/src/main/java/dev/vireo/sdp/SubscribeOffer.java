package dev.vireo.sdp;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the SFU's offer on a participant's SUBSCRIBE PeerConnection and reads the browser's answer to it.
 *
 * <p>One m-line per forwarded track, in the caller's order; an m-line whose track went away stays as {@code a=inactive}
 * (RFC 8829 §5.2.2 forbids removing m-lines) until a new track of its kind reuses it. Every m-line is bundled on one
 * transport with RTCP muxed; the SFU offers {@code a=setup:actpass} and requires the browser to answer active, so the
 * SFU stays the DTLS server. Payload types and extension ids are the SFU's canonical ones ({@link Codec},
 * {@link ExtensionUris}), the same on every m-line and for every subscriber.
 */
public final class SubscribeOffer {
    /** Extensions offered on audio m-lines (canonical ids): the level lets receivers show who speaks. */
    static final List<String> AUDIO_EXTENSIONS = List.of(ExtensionUris.AUDIO_LEVEL, ExtensionUris.TRANSPORT_CC);
    /**
     * Extensions offered on video m-lines: orientation is forwarded unchanged from the publisher. Not mid or rid: they
     * would carry the publisher's values, not this subscriber's. Transport-wide sequence numbers (on audio too) are
     * the SFU's own per subscriber transport, for its downlink estimate.
     */
    static final List<String> VIDEO_EXTENSIONS = List.of(ExtensionUris.VIDEO_ORIENTATION, ExtensionUris.TRANSPORT_CC);
    private static final List<String> VIDEO_FEEDBACK =
            List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");

    private SubscribeOffer() {
    }

    /**
     * The offer. Its o= session id is derived from the transport's ICE credentials, so every offer on one
     * PeerConnection carries the same id (RFC 8829 §5.2.2); the caller increments {@code sessionVersion} per offer.
     *
     * @param tracks one entry per m-line, at least one (there is no transport to negotiate without an m-line)
     * @throws IllegalArgumentException for an empty list, repeated mids or a track field that cannot be written
     */
    public static String build(LocalTransport local, long sessionVersion, List<OutgoingTrack> tracks) {
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("a SUBSCRIBE offer needs at least one track");
        }
        if (sessionVersion < 0) {
            throw new IllegalArgumentException("negative session version");
        }
        Set<String> mids = new HashSet<>();
        StringBuilder bundle = new StringBuilder("BUNDLE");
        for (OutgoingTrack t : tracks) {
            Objects.requireNonNull(t.mid(), "mid");
            if (!mids.add(t.mid())) {
                throw new IllegalArgumentException("mid used twice: " + t.mid());
            }
            Objects.requireNonNull(t.kind(), "kind");
            if (t.active() && (t.streamId() == null || t.trackId() == null || t.cname() == null
                    || t.ssrc() < 0 || t.ssrc() > 0xFFFF_FFFFL || t.rtxSsrc() > 0xFFFF_FFFFL)) {
                throw new IllegalArgumentException("active track " + t.mid() + " needs stream, track, cname and SSRCs");
            }
            bundle.append(' ').append(t.mid());
        }
        SessionDescription.Builder sd = SessionDescription.builder(
                new Origin("-", Long.toString(sessionId(local)), sessionVersion, "IN", "IP4", "127.0.0.1"));
        sd.attribute("group", bundle.toString());
        // RFC 8830 §3 semantics name used by browsers; "*" says every m-line's msid names its stream.
        sd.attribute("msid-semantic", " WMS *");
        for (OutgoingTrack t : tracks) {
            sd.media(mediaLine(local, t));
        }
        return sd.build().toString();
    }

    /** A stable positive id per transport: the credentials never change for the PeerConnection's life. */
    static long sessionId(LocalTransport local) {
        long h = ((long) local.iceUfrag().hashCode() << 32) ^ (local.icePwd().hashCode() & 0xFFFF_FFFFL);
        return (h & Long.MAX_VALUE) | 1;
    }

    private static MediaDescription mediaLine(LocalTransport local, OutgoingTrack t) {
        List<Codec> codecs = t.kind() == MediaKind.AUDIO ? List.of(Codec.OPUS) : List.of(Codec.VP8, Codec.H264);
        MediaDescription.Builder b = local.mLine(t.kind().sdpName());
        for (Codec c : codecs) {
            b.format(c.payloadType());
            if (c.rtxPayloadType() >= 0) {
                b.format(c.rtxPayloadType());
            }
        }
        local.writeTo(b, "actpass");
        b.attribute("mid", t.mid());
        for (String uri : t.kind() == MediaKind.AUDIO ? AUDIO_EXTENSIONS : VIDEO_EXTENSIONS) {
            b.attribute("extmap", ExtensionUris.canonicalId(uri) + " " + uri);
        }
        if (t.active()) {
            b.flag("sendonly").attribute("msid", t.streamId() + " " + t.trackId());
        } else {
            b.flag("inactive");
        }
        b.flag("rtcp-mux").flag("rtcp-rsize");
        for (Codec c : codecs) {
            b.attribute("rtpmap", c.rtpMap().toString());
            if (c.kind() == MediaKind.VIDEO) {
                for (String fb : VIDEO_FEEDBACK) {
                    b.attribute("rtcp-fb", c.payloadType() + " " + fb);
                }
            } else {
                b.attribute("rtcp-fb", c.payloadType() + " transport-cc");
            }
            if (c.fmtp() != null) {
                b.attribute("fmtp", c.payloadType() + " " + c.fmtp());
            }
            if (c.rtxPayloadType() >= 0) {
                b.attribute("rtpmap", c.rtxPayloadType() + " rtx/" + c.clockRate());
                b.attribute("fmtp", c.rtxPayloadType() + " apt=" + c.payloadType());
            }
        }
        if (t.active()) {
            String msid = t.streamId() + " " + t.trackId();
            if (t.rtxSsrc() >= 0) {
                b.attribute("ssrc-group", "FID " + t.ssrc() + " " + t.rtxSsrc());
            }
            for (long ssrc : t.rtxSsrc() >= 0 ? new long[] {t.ssrc(), t.rtxSsrc()} : new long[] {t.ssrc()}) {
                b.attribute("ssrc", ssrc + " cname:" + t.cname());
                b.attribute("ssrc", ssrc + " msid:" + msid);
            }
        }
        return b.build();
    }

    /**
     * Reads the browser's answer to an offer built from {@code offered}.
     *
     * @throws SdpException if it is malformed, drops BUNDLE or rtcp-mux, does not match the offer's m-lines, sends on
     *                      an m-line, or wants the SFU as DTLS client
     */
    public static SubscribeAnswer parseAnswer(String answerSdp, List<OutgoingTrack> offered) throws SdpException {
        return SubscribeAnswer.parse(answerSdp, offered);
    }
}
