package dev.vireo.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One media description (RFC 8866 §5.14): the m-line, its i=/c=/b=/k= lines and its attributes in order, with typed
 * accessors for the attributes WebRTC uses. Immutable; build new ones with {@link #builder}.
 *
 * <pre>
 * m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...
 * </pre>
 */
public final class MediaDescription implements Attributed {
    private final String media;
    private final int port;
    private final int numberOfPorts;
    private final String proto;
    private final List<String> formats;
    private final List<Field> fields;
    private final List<Attribute> attributes;

    private final String mid;
    private final Direction direction;
    private final List<RtpMap> rtpMaps = new ArrayList<>();
    private final List<Fmtp> fmtps = new ArrayList<>();
    private final List<RtcpFeedback> rtcpFeedback = new ArrayList<>();
    private final List<ExtMap> extMaps = new ArrayList<>();
    private final List<SsrcAttribute> ssrcAttributes = new ArrayList<>();
    private final List<SsrcGroup> ssrcGroups = new ArrayList<>();
    private final List<Rid> rids = new ArrayList<>();
    private final Simulcast simulcast;
    private final Msid msid;

    private MediaDescription(String media, int port, int numberOfPorts, String proto, List<String> formats,
                             List<Field> fields, List<Attribute> attributes) throws SdpException {
        this.media = media;
        this.port = port;
        this.numberOfPorts = numberOfPorts;
        this.proto = proto;
        this.formats = List.copyOf(formats);
        this.fields = List.copyOf(fields);
        this.attributes = List.copyOf(attributes);
        String mid = null;
        Direction direction = null;
        Simulcast simulcast = null;
        Msid msid = null;
        for (Attribute a : attributes) {
            AttributeSyntax.check(a);
            String v = a.value();
            switch (a.name()) {
                case "mid" -> mid = once(mid, v, "a=mid");
                case "sendrecv", "sendonly", "recvonly", "inactive" ->
                        direction = once(direction, Direction.fromSdpName(a.name()), "direction attribute");
                case "rtpmap" -> rtpMaps.add(RtpMap.parse(v));
                case "fmtp" -> fmtps.add(Fmtp.parse(v));
                case "rtcp-fb" -> rtcpFeedback.add(RtcpFeedback.parse(v));
                case "extmap" -> extMaps.add(ExtMap.parse(v));
                case "ssrc" -> ssrcAttributes.add(SsrcAttribute.parse(v));
                case "ssrc-group" -> ssrcGroups.add(SsrcGroup.parse(v));
                case "rid" -> rids.add(Rid.parse(v));
                case "simulcast" -> simulcast = once(simulcast, Simulcast.parse(v), "a=simulcast");
                // JSEP writes one a=msid per m-line; RFC 8830 allows several, the first names the track here.
                case "msid" -> msid = msid != null ? msid : Msid.parse(v);
                default -> {
                }
            }
        }
        this.mid = mid;
        this.direction = direction;
        this.simulcast = simulcast;
        this.msid = msid;
    }

    private static <T> T once(T previous, T value, String what) throws SdpException {
        if (previous != null) {
            throw new SdpException("has more than one " + what);
        }
        return value;
    }

    static MediaDescription of(String media, int port, int numberOfPorts, String proto, List<String> formats,
                               List<Field> fields, List<Attribute> attributes) throws SdpException {
        return new MediaDescription(media, port, numberOfPorts, proto, formats, fields, attributes);
    }

    /** The media token: "audio", "video", "application", ... */
    public String media() {
        return media;
    }

    /** {@link MediaKind} for audio and video m-lines, null for any other media. */
    public MediaKind kind() {
        return MediaKind.fromSdpName(media);
    }

    public int port() {
        return port;
    }

    /** The m-line's "/&lt;number of ports&gt;", or 0 when not written. */
    public int numberOfPorts() {
        return numberOfPorts;
    }

    /** True for port 0: the m-line is rejected or removed (RFC 8866 §5.14, RFC 3264 §6). */
    public boolean rejected() {
        return port == 0;
    }

    public String proto() {
        return proto;
    }

    /** True for the RTP profiles (RTP/AVP, UDP/TLS/RTP/SAVPF, ...), whose formats are payload types. */
    public boolean isRtp() {
        return proto.contains("RTP/");
    }

    public List<String> formats() {
        return formats;
    }

    /** i=, c=, b= and k= lines in order. */
    public List<Field> fields() {
        return fields;
    }

    /** The c= value, or null when the m-line has none. */
    public String connection() {
        for (Field f : fields) {
            if (f.type() == 'c') {
                return f.value();
            }
        }
        return null;
    }

    @Override
    public List<Attribute> attributes() {
        return attributes;
    }

    /** a=mid (RFC 5888 §4), or null. */
    public String mid() {
        return mid;
    }

    /** The direction attribute; {@link Direction#SENDRECV} when none is written (RFC 8866 §6.7). */
    public Direction direction() {
        return direction == null ? Direction.SENDRECV : direction;
    }

    /** The first a=fingerprint at media level, or null. */
    public String fingerprint() {
        return attribute("fingerprint");
    }

    /** a=rtcp-mux (RFC 5761 §5.1.1). */
    public boolean rtcpMux() {
        return hasAttribute("rtcp-mux");
    }

    /** a=rtcp-rsize (RFC 5506 §5). */
    public boolean rtcpRsize() {
        return hasAttribute("rtcp-rsize");
    }

    public List<RtpMap> rtpMaps() {
        return Collections.unmodifiableList(rtpMaps);
    }

    /** The a=rtpmap for the payload type, or null. */
    public RtpMap rtpMap(int payloadType) {
        for (RtpMap m : rtpMaps) {
            if (m.payloadType() == payloadType) {
                return m;
            }
        }
        return null;
    }

    public List<Fmtp> fmtps() {
        return Collections.unmodifiableList(fmtps);
    }

    /** The a=fmtp parameter text for the payload type, or null. */
    public String fmtp(int payloadType) {
        for (Fmtp f : fmtps) {
            if (f.payloadType() == payloadType) {
                return f.parameters();
            }
        }
        return null;
    }

    /** The fmtp parameters of the payload type as key/value pairs; empty when it has no a=fmtp. */
    public Map<String, String> fmtpParameters(int payloadType) {
        for (Fmtp f : fmtps) {
            if (f.payloadType() == payloadType) {
                return f.parameterMap();
            }
        }
        return Map.of();
    }

    public List<RtcpFeedback> rtcpFeedback() {
        return Collections.unmodifiableList(rtcpFeedback);
    }

    /** The feedback types ("nack", "nack pli", "ccm fir", ...) for the payload type, including "*" lines. */
    public List<String> rtcpFeedback(int payloadType) {
        List<String> out = new ArrayList<>();
        for (RtcpFeedback fb : rtcpFeedback) {
            if (fb.appliesTo(payloadType)) {
                out.add(fb.feedback());
            }
        }
        return out;
    }

    /** The payload type whose a=fmtp says {@code apt=<payloadType>} with an rtx rtpmap (RFC 4588 §8.6), or -1. */
    public int rtxPayloadTypeFor(int payloadType) {
        for (Fmtp f : fmtps) {
            RtpMap map = rtpMap(f.payloadType());
            if (map != null && map.is("rtx")
                    && Integer.toString(payloadType).equals(f.parameterMap().get("apt"))) {
                return map.payloadType();
            }
        }
        return -1;
    }

    public List<ExtMap> extMaps() {
        return Collections.unmodifiableList(extMaps);
    }

    /** The id the m-line gives the header extension URI, or -1. */
    public int extMapId(String uri) {
        for (ExtMap e : extMaps) {
            if (e.uri().equals(uri)) {
                return e.id();
            }
        }
        return -1;
    }

    /** Every a=ssrc line in order. */
    public List<SsrcAttribute> ssrcAttributes() {
        return Collections.unmodifiableList(ssrcAttributes);
    }

    /** SSRC → its attributes (cname, msid, ...) in order of first appearance; an attribute without value maps to "". */
    public Map<Long, Map<String, String>> ssrcs() {
        Map<Long, Map<String, String>> out = new LinkedHashMap<>();
        for (SsrcAttribute s : ssrcAttributes) {
            out.computeIfAbsent(s.ssrc(), k -> new LinkedHashMap<>())
                    .putIfAbsent(s.name(), s.value() == null ? "" : s.value());
        }
        return out;
    }

    public List<SsrcGroup> ssrcGroups() {
        return Collections.unmodifiableList(ssrcGroups);
    }

    /** The first a=ssrc-group with these semantics ("FID", "SIM"), or null. */
    public SsrcGroup ssrcGroup(String semantics) {
        for (SsrcGroup g : ssrcGroups) {
            if (g.semantics().equals(semantics)) {
                return g;
            }
        }
        return null;
    }

    public List<Rid> rids() {
        return Collections.unmodifiableList(rids);
    }

    /** a=simulcast, or null. */
    public Simulcast simulcast() {
        return simulcast;
    }

    /** The first a=msid, or null. */
    public Msid msid() {
        return msid;
    }

    /** The candidates as a browser's RTCIceCandidate.candidate reports them: "candidate:..." */
    public List<String> candidates() {
        List<String> out = new ArrayList<>();
        for (String v : attributeValues("candidate")) {
            out.add("candidate:" + v);
        }
        return out;
    }

    /** a=end-of-candidates (RFC 8840 §8.2). */
    public boolean endOfCandidates() {
        return hasAttribute("end-of-candidates");
    }

    /** Short name for messages: "m-line 1 (video)". */
    String label(int index) {
        return "m-line " + index + " (" + media + ")";
    }

    /** The lines of this media description, each ending in CRLF. */
    void writeTo(StringBuilder sb) {
        sb.append("m=").append(media).append(' ').append(port);
        if (numberOfPorts > 0) {
            sb.append('/').append(numberOfPorts);
        }
        sb.append(' ').append(proto);
        for (String f : formats) {
            sb.append(' ').append(f);
        }
        sb.append("\r\n");
        for (Field f : fields) {
            sb.append(f).append("\r\n");
        }
        for (Attribute a : attributes) {
            sb.append("a=").append(a).append("\r\n");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        writeTo(sb);
        return sb.toString();
    }

    public static Builder builder(String media, int port, String proto) {
        return new Builder(media, port, proto);
    }

    /** Assembles a media description; {@link #build} checks it like the parser does. */
    public static final class Builder {
        private final String media;
        private final int port;
        private final String proto;
        private final List<String> formats = new ArrayList<>();
        private final List<Field> fields = new ArrayList<>();
        private final List<Attribute> attributes = new ArrayList<>();

        private Builder(String media, int port, String proto) {
            this.media = Objects.requireNonNull(media);
            this.port = port;
            this.proto = Objects.requireNonNull(proto);
        }

        public Builder format(String format) {
            formats.add(format);
            return this;
        }

        public Builder format(int payloadType) {
            return format(Integer.toString(payloadType));
        }

        public Builder field(char type, String value) {
            fields.add(new Field(type, value));
            return this;
        }

        public Builder attribute(String name, String value) {
            attributes.add(new Attribute(name, value));
            return this;
        }

        public Builder flag(String name) {
            attributes.add(Attribute.flag(name));
            return this;
        }

        /** @throws IllegalArgumentException if an attribute breaks its grammar or the m-line is malformed */
        public MediaDescription build() {
            if (!Tokens.isToken(media) || port < 0 || port > 65535 || Tokens.words(proto).size() != 1 || formats.isEmpty()) {
                throw new IllegalArgumentException("bad m-line: " + media + " " + port + " " + proto + " " + formats);
            }
            try {
                return new MediaDescription(media, port, 0, proto, formats, fields, attributes);
            } catch (SdpException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }
}
