package dev.vireo.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A browser's offer on its PUBLISH PeerConnection, checked against the SFU's rules, and the SFU's answer to it.
 *
 * <p>Rules: those of every offer ({@link BundledOffer}: BUNDLE, rtcp-mux, ICE credentials, one sha-256 DTLS
 * fingerprint, the SFU as DTLS server). The SFU accepts an audio m-line that sends Opus and a video m-line that sends
 * VP8 or H.264 (whichever the publisher lists first) in packetization mode 1; it rejects every other m-line (port 0 in the answer, RFC 3264 §6) without failing the offer.
 */
public final class PublishOffer implements RemoteDescription {
    /** Extensions the SFU keeps from a publisher's audio, in the answer's order. transport-cc: not yet. */
    private static final List<String> AUDIO_EXTENSIONS =
            List.of(ExtensionUris.AUDIO_LEVEL, ExtensionUris.ABS_SEND_TIME, ExtensionUris.MID);
    /** Extensions the SFU keeps from a publisher's video. */
    private static final List<String> VIDEO_EXTENSIONS = List.of(ExtensionUris.ABS_SEND_TIME, ExtensionUris.MID,
            ExtensionUris.RTP_STREAM_ID, ExtensionUris.REPAIRED_RTP_STREAM_ID, ExtensionUris.VIDEO_ORIENTATION);
    /** RTCP feedback the SFU answers for video when offered (RFC 4585, RFC 5104, draft-alvestrand-rmcat-remb). */
    private static final List<String> VIDEO_FEEDBACK = List.of("goog-remb", "ccm fir", "nack", "nack pli");

    private final SessionDescription offer;
    private final BundledOffer<PublishedTrack> checked;

    private PublishOffer(SessionDescription offer, BundledOffer<PublishedTrack> checked) {
        this.offer = offer;
        this.checked = checked;
    }

    /** Parses and checks an offer. @throws SdpException with a message fit to show the client */
    public static PublishOffer parse(String sdp) throws SdpException {
        SessionDescription sd = SessionDescription.parse(sdp);
        BundledOffer<PublishedTrack> checked = BundledOffer.check(sd, PublishOffer::accept,
                "offer has no m-line the SFU can receive (sendonly audio with opus, "
                        + "video with VP8 or H264 packetization-mode=1)");
        return new PublishOffer(sd, checked);
    }

    /** The track the SFU accepts from the m-line, or null to reject it. */
    private static PublishedTrack accept(MediaDescription m) {
        MediaKind kind = m.kind();
        // Port 0 with a=bundle-only is not a rejection but an m-line that exists only inside the BUNDLE (RFC 8843
        // §6): GStreamer's webrtcbin offers its second m-line that way.
        boolean rejected = m.rejected() && !m.hasAttribute("bundle-only");
        if (rejected || kind == null || !m.proto().equals("UDP/TLS/RTP/SAVPF") || !m.direction().sends()) {
            return null;
        }
        RtpMap codec = kind == MediaKind.AUDIO ? firstOf(m, Codec.OPUS) : chooseVideo(m);
        if (codec == null) {
            return null;
        }
        int pt = codec.payloadType();
        List<String> rids = simulcastRids(m);
        long ssrc = -1;
        long rtxSsrc = -1;
        List<Long> sim = List.of();
        SsrcGroup simGroup = m.ssrcGroup("SIM");
        if (rids.isEmpty() && kind == MediaKind.VIDEO && simGroup != null && simGroup.ssrcs().size() >= 2) {
            // Legacy SSRC-signalled simulcast (libwebrtc before rids, other native clients): layers lowest first.
            sim = simGroup.ssrcs();
            ssrc = sim.get(0);
            rtxSsrc = rtxFor(m, ssrc);
        } else if (rids.isEmpty()) {
            SsrcGroup fid = m.ssrcGroup("FID");
            if (fid != null && fid.ssrcs().size() >= 2) {
                ssrc = fid.ssrcs().get(0);
                rtxSsrc = fid.ssrcs().get(1);
            } else if (!m.ssrcs().isEmpty()) {
                ssrc = m.ssrcs().keySet().iterator().next();
            }
        }
        Msid msid = msid(m, ssrc);
        byte[] extensionIdMap = new byte[256];
        for (ExtMap e : answeredExtensions(m, kind)) {
            extensionIdMap[e.id()] = (byte) ExtensionUris.canonicalId(e.uri());
        }
        return new PublishedTrack(m.mid(), kind, Codec.of(codec), pt,
                kind == MediaKind.VIDEO ? m.rtxPayloadTypeFor(pt) : -1, ssrc, rtxSsrc, rids,
                msid == null ? "-" : msid.streamId(),
                msid == null || msid.trackId() == null ? m.mid() : msid.trackId(), extensionIdMap, sim,
                sim.stream().map(layer -> rtxFor(m, layer)).toList());
    }

    /** The RTX SSRC an a=ssrc-group:FID pairs with {@code ssrc} (RFC 4588 §8.1), or -1. */
    private static long rtxFor(MediaDescription m, long ssrc) {
        for (SsrcGroup g : m.ssrcGroups()) {
            if (g.semantics().equals("FID") && g.ssrcs().size() >= 2 && g.ssrcs().get(0) == ssrc) {
                return g.ssrcs().get(1);
            }
        }
        return -1;
    }

    /** The first offered payload type (in the m-line's preference order) of the codec. */
    private static RtpMap firstOf(MediaDescription m, Codec codec) {
        for (String f : m.formats()) {
            RtpMap map = m.rtpMap(Tokens.payloadType(f));
            if (map != null && Codec.of(map) == codec) {
                return map;
            }
        }
        return null;
    }

    /**
     * The codec the publisher prefers (RFC 3264 §6.1: the offer lists formats in preference order) among those the SFU
     * forwards: VP8, or H.264 in packetization mode 1 (RFC 6184 §6.2: the SFU does not interleave). Among H.264
     * variants, constrained baseline (profile-level-id 42e0xx) first, then baseline 42001f as Chromium offers it,
     * then any profile: every browser decodes those.
     */
    private static RtpMap chooseVideo(MediaDescription m) {
        RtpMap bestH264 = null;
        int bestRank = Integer.MAX_VALUE;
        for (String f : m.formats()) {
            RtpMap map = m.rtpMap(Tokens.payloadType(f));
            if (map == null) {
                continue;
            }
            Codec codec = Codec.of(map);
            if (codec == Codec.VP8 && bestH264 == null) {
                return map;
            }
            if (codec != Codec.H264
                    || !"1".equals(m.fmtpParameters(map.payloadType()).get("packetization-mode"))) {
                continue;
            }
            String profile = m.fmtpParameters(map.payloadType()).getOrDefault("profile-level-id", "")
                    .toLowerCase(java.util.Locale.ROOT);
            int rank = profile.startsWith("42e0") ? 0 : profile.equals("42001f") ? 1 : 2;
            if (rank < bestRank) {
                bestH264 = map;
                bestRank = rank;
            }
        }
        return bestH264;
    }

    /** The rids of a=simulcast:send that also have an a=rid:&lt;id&gt; send line (RFC 8853 §5.2), in order. */
    private static List<String> simulcastRids(MediaDescription m) {
        List<String> out = new ArrayList<>();
        if (m.kind() != MediaKind.VIDEO || m.simulcast() == null) {
            return out;
        }
        for (String id : m.simulcast().send()) {
            for (Rid rid : m.rids()) {
                if (rid.id().equals(id) && rid.direction().equals("send") && !out.contains(id)) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    private static Msid msid(MediaDescription m, long ssrc) {
        if (m.msid() != null) {
            return m.msid();
        }
        String value = ssrc < 0 || !m.ssrcs().containsKey(ssrc) ? null : m.ssrcs().get(ssrc).get("msid");
        try {
            return value == null || value.isBlank() ? null : Msid.parse(value);
        } catch (SdpException e) {
            return null;
        }
    }

    /** The offered extensions the SFU keeps, with the publisher's ids, in the SFU's order. */
    private static List<ExtMap> answeredExtensions(MediaDescription m, MediaKind kind) {
        List<ExtMap> out = new ArrayList<>();
        for (String uri : kind == MediaKind.AUDIO ? AUDIO_EXTENSIONS : VIDEO_EXTENSIONS) {
            int id = m.extMapId(uri);
            if (id > 0) {
                out.add(new ExtMap(id, null, uri, null));
            }
        }
        return out;
    }

    @Override
    public SessionDescription description() {
        return offer;
    }

    @Override
    public RemoteTransport transport() {
        return checked.transport();
    }

    /** The accepted m-lines' tracks, in m-line order. */
    public List<PublishedTrack> tracks() {
        return checked.accepted();
    }

    /** Mids of the accepted m-lines in the offer's BUNDLE order; the first one carries the bundle's transport. */
    public List<String> bundleMids() {
        return checked.bundleMids();
    }

    /** The SFU's answer with a fresh random session id. */
    public String answer(LocalTransport local) {
        return answer(local, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    /**
     * The SFU's answer (RFC 8829 §5.3): per m-line in order, accepted ones recvonly with the chosen codec and the
     * offer's payload types and extension ids, the others rejected with port 0 and their mid.
     */
    public String answer(LocalTransport local, long sessionId) {
        SessionDescription.Builder sd = SessionDescription.builder(
                new Origin("-", Long.toString(sessionId), 1, "IN", "IP4", "127.0.0.1"));
        sd.attribute("group", "BUNDLE " + String.join(" ", checked.bundleMids()));
        for (int i = 0; i < checked.perLine().size(); i++) {
            MediaDescription m = offer.media().get(i);
            PublishedTrack t = checked.perLine().get(i);
            sd.media(t == null ? BundledOffer.rejectedLine(m) : acceptedLine(local, m, t));
        }
        return sd.build().toString();
    }

    private static MediaDescription acceptedLine(LocalTransport local, MediaDescription m, PublishedTrack t) {
        MediaDescription.Builder b = local.mLine(m.media()).format(t.payloadType());
        if (t.rtxPayloadType() >= 0) {
            b.format(t.rtxPayloadType());
        }
        local.writeTo(b, "passive");
        b.attribute("mid", t.mid());
        for (ExtMap e : answeredExtensions(m, t.kind())) {
            b.attribute("extmap", e.toString());
        }
        b.flag("recvonly").flag("rtcp-mux");
        if (m.rtcpRsize()) {
            b.flag("rtcp-rsize");
        }
        RtpMap codec = m.rtpMap(t.payloadType());
        b.attribute("rtpmap", codec.toString());
        if (t.kind() == MediaKind.VIDEO) {
            List<String> offered = m.rtcpFeedback(t.payloadType());
            for (String fb : VIDEO_FEEDBACK) {
                if (offered.contains(fb)) {
                    b.attribute("rtcp-fb", t.payloadType() + " " + fb);
                }
            }
        }
        String fmtp = m.fmtp(t.payloadType());
        if (fmtp != null) {
            b.attribute("fmtp", t.payloadType() + " " + fmtp);
        }
        if (t.rtxPayloadType() >= 0) {
            b.attribute("rtpmap", m.rtpMap(t.rtxPayloadType()).toString());
            b.attribute("fmtp", t.rtxPayloadType() + " apt=" + t.payloadType());
        }
        for (String rid : t.rids()) {
            b.attribute("rid", rid + " recv");
        }
        if (t.simulcast()) {
            b.attribute("simulcast", "recv " + String.join(";", t.rids()));
        }
        return b.build();
    }
}
