package dev.vireo.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A viewer's receive-only offer (WHEP, draft-ietf-wish-whep §4.2) checked against the SFU's rules, and the SFU's
 * send-only answer to it.
 *
 * <p>Rules: like a {@link PublishOffer} the offer must bundle and mux RTCP every m-line the SFU accepts, and leave the
 * SFU the DTLS server. The SFU accepts an audio or video m-line the viewer receives on (recvonly or sendrecv) when it
 * offers at least one forwarded codec ({@link Codec}) under the SFU's canonical payload type: forwarded packets carry
 * those payload types, and RFC 3264 §6.1 makes the answer keep the offer's numbers. Chromium offers Opus as 111 and
 * VP8 as 96, the canonical ones. Other m-lines are rejected (port 0) without failing the offer.
 */
public final class ViewerOffer implements RemoteDescription {
    private static final List<String> VIDEO_FEEDBACK = List.of("goog-remb", "ccm fir", "nack", "nack pli");

    /**
     * One m-line the SFU will send on.
     *
     * @param codecs the forwarded codecs the viewer takes on it, in the viewer's order of preference
     */
    public record Line(String mid, MediaKind kind, List<Codec> codecs) {
        public Line {
            codecs = List.copyOf(codecs);
        }
    }

    /**
     * What the SFU sends on an accepted m-line.
     *
     * @param ssrc the SSRC the SFU sends with
     */
    public record Sending(long ssrc, String streamId, String trackId, String cname) {
    }

    private final SessionDescription offer;
    private final RemoteTransport transport;
    /** One entry per m-line: the accepted line, or null where the SFU rejects it. */
    private final List<Line> perLine;
    private final List<String> bundleMids;

    private ViewerOffer(SessionDescription offer, RemoteTransport transport, List<Line> perLine,
                        List<String> bundleMids) {
        this.offer = offer;
        this.transport = transport;
        this.perLine = Collections.unmodifiableList(perLine);
        this.bundleMids = List.copyOf(bundleMids);
    }

    /** Parses and checks an offer. @throws SdpException with a message fit to show the client */
    public static ViewerOffer parse(String sdp) throws SdpException {
        SessionDescription sd = SessionDescription.parse(sdp);
        Group bundle = sd.bundle();
        if (bundle == null) {
            throw new SdpException("offer has no a=group:BUNDLE");
        }
        List<Line> perLine = new ArrayList<>();
        List<MediaDescription> accepted = new ArrayList<>();
        for (int i = 0; i < sd.media().size(); i++) {
            MediaDescription m = sd.media().get(i);
            if (!m.rejected() && m.mid() == null) {
                throw new SdpException(m.label(i) + " has no a=mid");
            }
            Line line = accept(m);
            if (line != null) {
                if (!bundle.mids().contains(m.mid())) {
                    throw new SdpException(m.label(i) + " is not in the a=group:BUNDLE");
                }
                if (!m.rtcpMux()) {
                    throw new SdpException(m.label(i) + " lacks a=rtcp-mux");
                }
                accepted.add(m);
            }
            perLine.add(line);
        }
        if (accepted.isEmpty()) {
            throw new SdpException("offer has no m-line the SFU can send on (recvonly audio with opus/48000 as "
                    + "payload type 111, video with VP8/90000 as 96 or H264 packetization-mode=1 as 102)");
        }
        List<String> bundleMids = new ArrayList<>();
        for (String mid : bundle.mids()) {
            MediaDescription m = sd.media(mid);
            if (m != null && accepted.contains(m) && !bundleMids.contains(mid)) {
                bundleMids.add(mid);
            }
        }
        RemoteTransport transport = RemoteTransport.read("offer", sd, sd.media(bundleMids.get(0)), accepted);
        if (!transport.setup().equals("actpass") && !transport.setup().equals("active")) {
            throw new SdpException("offer has a=setup:" + transport.setup()
                    + " but the SFU is always the DTLS server: offer a=setup:actpass");
        }
        return new ViewerOffer(sd, transport, perLine, bundleMids);
    }

    private static Line accept(MediaDescription m) {
        MediaKind kind = m.kind();
        boolean rejected = m.rejected() && !m.hasAttribute("bundle-only"); // RFC 8843 §6: port 0 inside the bundle
        if (rejected || kind == null || !m.proto().equals("UDP/TLS/RTP/SAVPF") || !m.direction().receives()) {
            return null;
        }
        List<Codec> codecs = new ArrayList<>();
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
        }
        return codecs.isEmpty() ? null : new Line(m.mid(), kind, codecs);
    }

    @Override
    public SessionDescription description() {
        return offer;
    }

    @Override
    public RemoteTransport transport() {
        return transport;
    }

    /** The accepted m-lines, in m-line order. */
    public List<Line> lines() {
        List<Line> out = new ArrayList<>();
        for (Line line : perLine) {
            if (line != null) {
                out.add(line);
            }
        }
        return out;
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
        sd.attribute("group", "BUNDLE " + String.join(" ", bundleMids));
        sd.attribute("msid-semantic", " WMS *");
        for (int i = 0; i < perLine.size(); i++) {
            MediaDescription m = offer.media().get(i);
            Line line = perLine.get(i);
            Sending s = line == null ? null : sending.get(line.mid());
            sd.media(s == null ? rejectedLine(m) : acceptedLine(local, m, line, s));
        }
        return sd.build().toString();
    }

    private static MediaDescription rejectedLine(MediaDescription m) {
        MediaDescription.Builder b = MediaDescription.builder(m.media(), 0, m.proto()).field('c', "IN IP4 0.0.0.0");
        m.formats().forEach(b::format);
        if (m.mid() != null) {
            b.attribute("mid", m.mid());
        }
        if (m.isRtp()) {
            b.flag("inactive");
        }
        return b.build();
    }

    private static MediaDescription acceptedLine(LocalTransport local, MediaDescription m, Line line, Sending s) {
        MediaDescription.Builder b = local.mLine(m.media());
        line.codecs().forEach(c -> b.format(c.payloadType()));
        local.writeTo(b, "passive");
        b.attribute("mid", line.mid());
        // Forwarded packets carry the canonical extension ids: answer an extension only where the viewer chose the same.
        for (String uri : line.kind() == MediaKind.AUDIO ? SubscribeOffer.AUDIO_EXTENSIONS
                : SubscribeOffer.VIDEO_EXTENSIONS) {
            int id = ExtensionUris.canonicalId(uri);
            if (m.extMapId(uri) == id) {
                b.attribute("extmap", id + " " + uri);
            }
        }
        String msid = s.streamId() + " " + s.trackId();
        b.flag("sendonly").attribute("msid", msid).flag("rtcp-mux");
        if (m.rtcpRsize()) {
            b.flag("rtcp-rsize");
        }
        for (Codec c : line.codecs()) {
            b.attribute("rtpmap", c.rtpMap().toString());
            if (c.kind() == MediaKind.VIDEO) {
                List<String> offered = m.rtcpFeedback(c.payloadType());
                for (String fb : VIDEO_FEEDBACK) {
                    if (offered.contains(fb)) {
                        b.attribute("rtcp-fb", c.payloadType() + " " + fb);
                    }
                }
            }
            String fmtp = m.fmtp(c.payloadType());
            if (fmtp != null) {
                b.attribute("fmtp", c.payloadType() + " " + fmtp);
            }
        }
        b.attribute("ssrc", s.ssrc() + " cname:" + s.cname());
        b.attribute("ssrc", s.ssrc() + " msid:" + msid);
        return b.build();
    }
}
