package dev.vireo.sdp;

import java.util.ArrayList;
import java.util.List;

/** The browser's answer to a {@link SubscribeOffer}, checked against the offer it answers. */
public final class SubscribeAnswer implements RemoteDescription {
    private final SessionDescription answer;
    private final RemoteTransport transport;

    private SubscribeAnswer(SessionDescription answer, RemoteTransport transport) {
        this.answer = answer;
        this.transport = transport;
    }

    static SubscribeAnswer parse(String sdp, List<OutgoingTrack> offered) throws SdpException {
        SessionDescription sd = SessionDescription.parse(sdp);
        Group bundle = sd.bundle();
        if (bundle == null) {
            throw new SdpException("answer has no a=group:BUNDLE");
        }
        if (sd.media().size() != offered.size()) {
            throw new SdpException("answer has " + sd.media().size() + " m-lines, the offer had " + offered.size());
        }
        List<MediaDescription> accepted = new ArrayList<>();
        for (int i = 0; i < offered.size(); i++) {
            MediaDescription m = sd.media().get(i);
            OutgoingTrack o = offered.get(i);
            if (m.kind() != o.kind()) {
                throw new SdpException(m.label(i) + " answers an m-line offered as " + o.kind().sdpName());
            }
            if (!o.mid().equals(m.mid())) {
                throw new SdpException(m.label(i) + " has a=mid:" + m.mid() + ", the offer had a=mid:" + o.mid());
            }
            if (m.rejected()) {
                continue;
            }
            if (!bundle.mids().contains(m.mid())) {
                throw new SdpException(m.label(i) + " is not in the a=group:BUNDLE");
            }
            if (!m.rtcpMux()) {
                throw new SdpException(m.label(i) + " lacks a=rtcp-mux");
            }
            if (m.direction().sends()) {
                throw new SdpException(m.label(i) + " answers a=" + m.direction().sdpName()
                        + " but the SFU only offered to send");
            }
            accepted.add(m);
        }
        if (accepted.isEmpty()) {
            throw new SdpException("answer rejects every m-line");
        }
        MediaDescription tagged = null;
        for (String mid : bundle.mids()) {
            MediaDescription m = sd.media(mid);
            if (tagged == null && m != null && accepted.contains(m)) {
                tagged = m;
            }
        }
        RemoteTransport transport = RemoteTransport.read("answer", sd, tagged, accepted);
        if (!transport.setup().equals("active")) {
            throw new SdpException("answer has a=setup:" + transport.setup()
                    + " but the SFU is always the DTLS server: answer a=setup:active");
        }
        return new SubscribeAnswer(sd, transport);
    }

    @Override
    public SessionDescription description() {
        return answer;
    }

    @Override
    public RemoteTransport transport() {
        return transport;
    }

    /** True if the browser rejected the m-line (port 0), or there is no m-line with that mid. */
    public boolean rejected(String mid) {
        MediaDescription m = answer.media(mid);
        return m == null || m.rejected();
    }

    /** True if the m-line is accepted and the answer kept the codec's payload type with the codec's name on it. */
    public boolean accepts(String mid, Codec codec) {
        MediaDescription m = answer.media(mid);
        if (m == null || m.rejected() || !m.formats().contains(Integer.toString(codec.payloadType()))) {
            return false;
        }
        RtpMap map = m.rtpMap(codec.payloadType());
        return map != null && Codec.of(map) == codec;
    }

    /** True if {@link #accepts} and the answer also kept the codec's RTX payload type. */
    public boolean acceptsRtx(String mid, Codec codec) {
        MediaDescription m = answer.media(mid);
        return accepts(mid, codec) && codec.rtxPayloadType() >= 0
                && m.rtxPayloadTypeFor(codec.payloadType()) == codec.rtxPayloadType();
    }
}
