package dev.vireo.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A viewer's receive-only offer (WHEP, draft-ietf-wish-whep §4.2) checked against the SFU's rules, and the SFU's
 * send-only answer to it.
 *
 * <p>Rules: those of every offer ({@link BundledOffer}). The SFU accepts an audio or video m-line the viewer receives
 * on (recvonly or sendrecv) when it offers at least one forwarded codec ({@link Codec}) under the SFU's canonical payload type: forwarded packets carry
 * those payload types, and RFC 3264 §6.1 makes the answer keep the offer's numbers. Chromium offers Opus as 111 and
 * VP8 as 96, the canonical ones. Other m-lines are rejected (port 0) without failing the offer.
 *
 * <p>Header extensions keep the viewer's ids: unlike a SUBSCRIBE offer, whose ids the SFU picks, a player numbers them
 * itself (Chromium numbers them in m-line order, so a video-first offer puts transport-wide-cc at 4, not at the SFU's
 * 3). {@link #extensionIds()} maps the SFU's ids to the viewer's for the transport to rewrite on the way out.
 *
 * <p>Two things feed the viewer's downlink: transport-wide congestion control (the extension plus {@code transport-cc}
 * feedback; without it the SFU never learns what the viewer's path carries) and RTX (RFC 4588) under the SFU's RTX
 * payload type, without which a NACK on an AES-GCM link cannot be answered at all.
 */
public final class ViewerOffer implements RemoteDescription {
    private static final List<String> VIDEO_FEEDBACK =
            List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
    private static final List<String> AUDIO_FEEDBACK = List.of("transport-cc");

    /**
     * One m-line the SFU will send on.
     *
     * @param codecs the forwarded codecs the viewer takes on it, in the viewer's order of preference
     * @param withRtx those of {@code codecs} the viewer also takes RTX for, under {@link Codec#rtxPayloadType()}
     * @param transportCc whether the viewer takes the transport-wide-cc extension on this line
     */
    public record Line(String mid, MediaKind kind, List<Codec> codecs, List<Codec> withRtx, boolean transportCc) {
        public Line {
            codecs = List.copyOf(codecs);
            withRtx = List.copyOf(withRtx);
        }

        /** Whether retransmissions of a stream in this codec may go out as RTX. */
        public boolean rtx(Codec codec) {
            return withRtx.contains(codec);
        }
    }

    /**
     * What the SFU sends on an accepted m-line.
     *
     * @param ssrc the SSRC the SFU sends with
     * @param rtxSsrc the SSRC of its retransmissions (RFC 4588), announced when the line takes RTX
     */
    public record Sending(long ssrc, long rtxSsrc, String streamId, String trackId, String cname) {
    }

    private final SessionDescription offer;
    private final BundledOffer<Line> checked;
    /** The SFU's extension id → the viewer's, or an id the answer leaves out (see {@link #extensionIds()}). */
    private final byte[] extensionIds;

    private ViewerOffer(SessionDescription offer, BundledOffer<Line> checked, byte[] extensionIds) {
        this.offer = offer;
        this.checked = checked;
        this.extensionIds = extensionIds;
    }

    /** Parses and checks an offer. @throws SdpException with a message fit to show the client */
    public static ViewerOffer parse(String sdp) throws SdpException {
        SessionDescription sd = SessionDescription.parse(sdp);
        byte[] extensionIds = extensionIds(sd);
        BundledOffer<Line> checked = BundledOffer.check(sd, m -> accept(m, extensionIds),
                "offer has no m-line the SFU can send on (recvonly audio with opus/48000 as payload type 111, "
                        + "video with VP8/90000 as 96 or H264 packetization-mode=1 as 102)");
        return new ViewerOffer(sd, checked, extensionIds);
    }

    /**
     * The SFU's id → the viewer's for every forwarded extension the viewer numbers the same way on all its m-lines
     * (RFC 8843 §9.2: one id, one meaning within a bundle) and with an id the one-byte form carries (RFC 8285 §4.2).
     */
    private static byte[] extensionIds(SessionDescription sd) {
        byte[] map = new byte[256];
        List<String> uris = new ArrayList<>(SubscribeOffer.AUDIO_EXTENSIONS);
        uris.addAll(SubscribeOffer.VIDEO_EXTENSIONS);
        for (String uri : uris) {
            int id = -1;
            for (MediaDescription m : sd.media()) {
                int lineId = m.extMapId(uri);
                if (lineId > 0) {
                    id = id == -1 || id == lineId ? lineId : 0;
                }
            }
            if (id >= 1 && id <= 14 && unclaimed(sd, id, uri)) {
                map[ExtensionUris.canonicalId(uri)] = (byte) id;
            }
        }
        // Everything else is written under an id the answer leaves out, which the viewer then ignores (RFC 8285 §5).
        // Chromium's own offers may use 14, the id HeaderExtensions writes for unmapped elements, so pick a free one.
        int unanswered = 14;
        while (contains(map, unanswered)) {
            unanswered--;
        }
        for (int i = 0; i < map.length; i++) {
            if (map[i] == 0) {
                map[i] = (byte) unanswered; // entry 0 (never an element id) keeps the filler for answersExtension
            }
        }
        return map;
    }

    private static boolean contains(byte[] map, int id) {
        for (byte b : map) {
            if (b == id) {
                return true;
            }
        }
        return false;
    }

    /** Whether no m-line gives {@code id} to another URI. */
    private static boolean unclaimed(SessionDescription sd, int id, String uri) {
        for (MediaDescription m : sd.media()) {
            for (ExtMap e : m.extMaps()) {
                if (e.id() == id && !e.uri().equals(uri)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Line accept(MediaDescription m, byte[] extensionIds) {
        MediaKind kind = m.kind();
        boolean rejected = m.rejected() && !m.hasAttribute("bundle-only"); // RFC 8843 §6: port 0 inside the bundle
        if (rejected || kind == null || !m.proto().equals("UDP/TLS/RTP/SAVPF") || !m.direction().receives()) {
            return null;
        }
        List<Codec> codecs = new ArrayList<>();
        List<Codec> withRtx = new ArrayList<>();
        for (String f : m.formats()) {
            int pt = Tokens.payloadType(f);
            RtpMap map = m.rtpMap(pt);
            Codec codec = map == null ? null : Codec.of(map);
            if (codec == null || codec.kind() != kind || codec.payloadType() != pt || codecs.contains(codec)) {
                continue;
            }
            if (codec == Codec.H264 && !"1".equals(m.fmtpParameters(pt).get("packetization-mode"))) {
                continue;
            }
            codecs.add(codec);
            int rtx = m.rtxPayloadTypeFor(pt);
            if (rtx >= 0 && rtx == codec.rtxPayloadType() && m.formats().contains(Integer.toString(rtx))) {
                withRtx.add(codec);
            }
        }
        boolean transportCc = answersExtension(m, ExtensionUris.TRANSPORT_CC, extensionIds);
        return codecs.isEmpty() ? null : new Line(m.mid(), kind, codecs, withRtx, transportCc);
    }

    private static boolean answersExtension(MediaDescription m, String uri, byte[] extensionIds) {
        int id = m.extMapId(uri);
        // The id unmapped extensions go under is one no offered line gives another URI, nor this one where it counts.
        return id > 0 && extensionIds[ExtensionUris.canonicalId(uri)] == id && extensionIds[0] != id;
    }

    /**
     * 256 entries: the SFU's id of each extension it forwards ({@link ExtensionUris#canonicalId}) → the viewer's id
     * for it, or an id the answer does not carry where the viewer does not take it; what the transport rewrites
     * forwarded packets with.
     */
    public byte[] extensionIds() {
        return extensionIds.clone();
    }

    @Override
    public SessionDescription description() {
        return offer;
    }

    @Override
    public RemoteTransport transport() {
        return checked.transport();
    }

    /** The accepted m-lines, in m-line order. */
    public List<Line> lines() {
        return checked.accepted();
    }

    /**
     * The SFU's answer (RFC 8829 §5.3): accepted m-lines sendonly with the SFU's SSRC and msid, the others rejected
     * with port 0 and their mid.
     *
     * @param sending what the SFU sends on each accepted line, by mid
     */
    public String answer(LocalTransport local, Map<String, Sending> sending) {
        SessionDescription.Builder sd = SessionDescription.builder(new Origin("-",
                Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)), 1, "IN", "IP4", "127.0.0.1"));
        sd.attribute("group", "BUNDLE " + String.join(" ", checked.bundleMids()));
        sd.attribute("msid-semantic", " WMS *");
        for (int i = 0; i < checked.perLine().size(); i++) {
            MediaDescription m = offer.media().get(i);
            Line line = checked.perLine().get(i);
            Sending s = line == null ? null : sending.get(line.mid());
            sd.media(s == null ? BundledOffer.rejectedLine(m) : acceptedLine(local, m, line, s));
        }
        return sd.build().toString();
    }

    private MediaDescription acceptedLine(LocalTransport local, MediaDescription m, Line line, Sending s) {
        MediaDescription.Builder b = local.mLine(m.media());
        for (Codec c : line.codecs()) {
            b.format(c.payloadType());
            if (line.rtx(c)) {
                b.format(c.rtxPayloadType());
            }
        }
        local.writeTo(b, "passive");
        b.attribute("mid", line.mid());
        for (String uri : line.kind() == MediaKind.AUDIO ? SubscribeOffer.AUDIO_EXTENSIONS
                : SubscribeOffer.VIDEO_EXTENSIONS) {
            if (answersExtension(m, uri, extensionIds)) {
                b.attribute("extmap", m.extMapId(uri) + " " + uri);
            }
        }
        String msid = s.streamId() + " " + s.trackId();
        b.flag("sendonly").attribute("msid", msid).flag("rtcp-mux");
        if (m.rtcpRsize()) {
            b.flag("rtcp-rsize");
        }
        boolean rtx = false;
        for (Codec c : line.codecs()) {
            b.attribute("rtpmap", c.rtpMap().toString());
            List<String> offered = m.rtcpFeedback(c.payloadType());
            for (String fb : c.kind() == MediaKind.VIDEO ? VIDEO_FEEDBACK : AUDIO_FEEDBACK) {
                if (offered.contains(fb) && (line.transportCc() || !fb.equals("transport-cc"))) {
                    b.attribute("rtcp-fb", c.payloadType() + " " + fb);
                }
            }
            String fmtp = m.fmtp(c.payloadType());
            if (fmtp != null) {
                b.attribute("fmtp", c.payloadType() + " " + fmtp);
            }
            if (line.rtx(c)) {
                b.attribute("rtpmap", c.rtxPayloadType() + " rtx/" + c.clockRate());
                b.attribute("fmtp", c.rtxPayloadType() + " apt=" + c.payloadType());
                rtx = true;
            }
        }
        if (rtx) {
            b.attribute("ssrc-group", "FID " + s.ssrc() + " " + s.rtxSsrc());
        }
        for (long ssrc : rtx ? new long[] {s.ssrc(), s.rtxSsrc()} : new long[] {s.ssrc()}) {
            b.attribute("ssrc", ssrc + " cname:" + s.cname());
            b.attribute("ssrc", ssrc + " msid:" + msid);
        }
        return b.build();
    }
}
