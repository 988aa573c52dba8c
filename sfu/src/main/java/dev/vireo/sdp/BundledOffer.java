package dev.vireo.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What every offer the SFU answers must be, whatever it carries (a publisher's, a WHIP encoder's, a WHEP player's):
 * each m-line the SFU accepts is in the BUNDLE (RFC 8843) and muxes RTCP (RFC 5761), the offer gives ICE credentials
 * and a DTLS fingerprint for the bundle, and its setup role leaves the SFU the DTLS server (actpass or active,
 * RFC 5763 §5). Which m-lines are accepted, and as what, is the caller's rule.
 *
 * @param perLine    one entry per m-line: what the rule made of it, or null where the SFU rejects it
 * @param bundleMids mids of the accepted m-lines in the offer's BUNDLE order; the first one carries the transport
 * @param <T>        what the rule makes of an accepted m-line
 */
record BundledOffer<T>(List<T> perLine, List<String> bundleMids, RemoteTransport transport) {
    /** What makes an m-line acceptable: null to reject it. */
    interface Rule<T> {
        T accept(MediaDescription m);
    }

    BundledOffer {
        perLine = Collections.unmodifiableList(new ArrayList<>(perLine));
        bundleMids = List.copyOf(bundleMids);
    }

    /** What the rule made of the accepted m-lines, in m-line order. */
    List<T> accepted() {
        List<T> out = new ArrayList<>();
        for (T line : perLine) {
            if (line != null) {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * @param noneAccepted the error's message when the rule accepts no m-line
     * @throws SdpException with a message fit to show the client
     */
    static <T> BundledOffer<T> check(SessionDescription sd, Rule<T> rule, String noneAccepted) throws SdpException {
        Group bundle = sd.bundle();
        if (bundle == null) {
            throw new SdpException("offer has no a=group:BUNDLE");
        }
        List<T> perLine = new ArrayList<>();
        List<MediaDescription> accepted = new ArrayList<>();
        for (int i = 0; i < sd.media().size(); i++) {
            MediaDescription m = sd.media().get(i);
            if (!m.rejected() && m.mid() == null) {
                throw new SdpException(m.label(i) + " has no a=mid");
            }
            T line = rule.accept(m);
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
            throw new SdpException(noneAccepted);
        }
        List<String> bundleMids = new ArrayList<>();
        for (String mid : bundle.mids()) {
            MediaDescription m = sd.media(mid);
            if (m != null && accepted.contains(m) && !bundleMids.contains(mid)) {
                bundleMids.add(mid);
            }
        }
        // RFC 8843 §7.3.1: with the offerer-tagged m-line rejected, the first accepted one carries the bundle.
        RemoteTransport transport = RemoteTransport.read("offer", sd, sd.media(bundleMids.get(0)), accepted);
        if (!transport.setup().equals("actpass") && !transport.setup().equals("active")) {
            throw new SdpException("offer has a=setup:" + transport.setup()
                    + " but the SFU is always the DTLS server: offer a=setup:actpass");
        }
        return new BundledOffer<>(perLine, bundleMids, transport);
    }

    /**
     * The answer's line for an m-line the SFU rejects (RFC 3264 §6): port 0, the offer's formats, its mid, and
     * inactive for RTP.
     */
    static MediaDescription rejectedLine(MediaDescription m) {
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
}
