package dev.vireo.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A session description (RFC 8866) as JSEP uses it (RFC 8829): session-level lines and attributes, then one
 * {@link MediaDescription} per m-line. Immutable. {@link #parse} accepts LF or CRLF line ends; {@link #toString} writes
 * CRLF (RFC 8866 §5) and reproduces a parsed description line for line.
 *
 * <pre>
 * v=0
 * o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt;
 * s=&lt;session name&gt;
 * [i= u= e= p= c= b=]  t=&lt;start&gt; &lt;stop&gt;  [r= z= k=]
 * a=...                 session-level attributes
 * m=...                 media descriptions, each with [i= c= b= k=] and a=... lines
 * </pre>
 */
public final class SessionDescription implements Attributed {
    private static final String SESSION_TYPES = "osiuepcbtrzka";
    private static final String MEDIA_TYPES = "icbka";

    private final Origin origin;
    private final String sessionName;
    private final List<Field> fields;
    private final List<Attribute> attributes;
    private final List<MediaDescription> media;

    private SessionDescription(Origin origin, String sessionName, List<Field> fields, List<Attribute> attributes,
                               List<MediaDescription> media) {
        this.origin = origin;
        this.sessionName = sessionName;
        this.fields = List.copyOf(fields);
        this.attributes = List.copyOf(attributes);
        this.media = List.copyOf(media);
    }

    /**
     * Parses a description. Blank lines are skipped; everything else must be {@code <letter>=<text>}, start with
     * {@code v=0}, carry one o=, one s= and a t= line, use only the line types RFC 8866 §5 allows at each level, and
     * write the attributes the SFU interprets (rtpmap, fmtp, rtcp-fb, extmap, ssrc, ssrc-group, rid, simulcast, msid,
     * group, fingerprint, candidate, setup, mid, ice-ufrag, ice-pwd, direction) by their grammars.
     *
     * @throws SdpException naming the first line at fault
     */
    public static SessionDescription parse(String sdp) throws SdpException {
        Objects.requireNonNull(sdp, "sdp");
        Origin origin = null;
        String sessionName = null;
        boolean seenVersion = false;
        boolean seenTiming = false;
        List<Field> fields = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        PendingMedia current = null;
        Set<String> mids = new HashSet<>();

        String[] lines = sdp.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            String where = "line " + (i + 1) + ": ";
            char type = line.charAt(0);
            if (line.length() < 2 || line.charAt(1) != '=' || type < 'a' || type > 'z') {
                throw new SdpException(where + "not a <type>=<value> line");
            }
            String value = line.substring(2);
            if (!Tokens.isLineText(value)) {
                throw new SdpException(where + "contains a CR or NUL character");
            }
            if (!seenVersion) {
                if (type != 'v' || !value.equals("0")) {
                    throw new SdpException(where + "a session description must start with v=0");
                }
                seenVersion = true;
                continue;
            }
            if (type == 'm') {
                if (origin == null || sessionName == null || !seenTiming) {
                    throw new SdpException(where + "m-line before the session's o=, s= and t= lines");
                }
                if (current != null) {
                    media.add(current.finish(media.size(), mids));
                }
                current = PendingMedia.parse(value, where);
                continue;
            }
            if ((current == null ? SESSION_TYPES : MEDIA_TYPES).indexOf(type) < 0) {
                throw new SdpException(where + type + "= is not allowed " + (current == null ? "at session level"
                        : "in a media description"));
            }
            if (type == 'a') {
                Attribute a;
                try {
                    a = Attribute.parse(value);
                    AttributeSyntax.check(a);
                } catch (SdpException e) {
                    throw new SdpException(where + e.getMessage());
                }
                (current == null ? attributes : current.attributes).add(a);
            } else if (current != null) {
                current.fields.add(new Field(type, value));
            } else if (type == 'o') {
                if (origin != null) {
                    throw new SdpException(where + "more than one o= line");
                }
                try {
                    origin = Origin.parse(value);
                } catch (SdpException e) {
                    throw new SdpException(where + e.getMessage());
                }
            } else if (type == 's') {
                if (sessionName != null) {
                    throw new SdpException(where + "more than one s= line");
                }
                sessionName = value;
            } else {
                seenTiming |= type == 't';
                fields.add(new Field(type, value));
            }
        }
        if (!seenVersion) {
            throw new SdpException("empty session description (no v=0 line)");
        }
        if (origin == null || sessionName == null || !seenTiming) {
            throw new SdpException("session description lacks " + (origin == null ? "an o=" : sessionName == null
                    ? "an s=" : "a t=") + " line");
        }
        if (current != null) {
            media.add(current.finish(media.size(), mids));
        }
        return new SessionDescription(origin, sessionName, fields, attributes, media);
    }

    /** An m-line being read: its lines are collected, then checked as a whole. */
    private static final class PendingMedia {
        final String mediaName;
        final int port;
        final int numberOfPorts;
        final String proto;
        final List<String> formats;
        final List<Field> fields = new ArrayList<>();
        final List<Attribute> attributes = new ArrayList<>();

        private PendingMedia(String mediaName, int port, int numberOfPorts, String proto, List<String> formats) {
            this.mediaName = mediaName;
            this.port = port;
            this.numberOfPorts = numberOfPorts;
            this.proto = proto;
            this.formats = formats;
        }

        static PendingMedia parse(String value, String where) throws SdpException {
            List<String> w = Tokens.words(value);
            String usage = where + "bad m=" + value + " (want <media> <port> <proto> <format> ...)";
            if (w.size() < 4 || !Tokens.isToken(w.get(0))) {
                throw new SdpException(usage);
            }
            String portText = w.get(1);
            int slash = portText.indexOf('/');
            long port = Tokens.number(slash < 0 ? portText : portText.substring(0, slash), 0, 65535);
            long count = slash < 0 ? 0 : Tokens.number(portText.substring(slash + 1), 1, 65535);
            if (port < 0 || count < 0) {
                throw new SdpException(usage);
            }
            String proto = w.get(2);
            List<String> formats = w.subList(3, w.size());
            for (String f : formats) {
                if (proto.contains("RTP/") && Tokens.payloadType(f) < 0) {
                    throw new SdpException(where + "m-line format " + f + " is not an RTP payload type (0-127)");
                }
            }
            return new PendingMedia(w.get(0), (int) port, (int) count, proto, List.copyOf(formats));
        }

        MediaDescription finish(int index, Set<String> mids) throws SdpException {
            String label = "m-line " + index + " (" + mediaName + ")";
            MediaDescription m;
            try {
                m = MediaDescription.of(mediaName, port, numberOfPorts, proto, formats, fields, attributes);
            } catch (SdpException e) {
                throw new SdpException(label + " " + e.getMessage());
            }
            if (m.mid() != null && !mids.add(m.mid())) {
                throw new SdpException(label + " repeats a=mid:" + m.mid());
            }
            return m;
        }
    }

    public Origin origin() {
        return origin;
    }

    /** The s= text ("-" in JSEP descriptions). */
    public String sessionName() {
        return sessionName;
    }

    /** Session-level lines other than v=, o=, s= and a=, in order (t= among them). */
    public List<Field> fields() {
        return fields;
    }

    /** Session-level attributes in order. */
    @Override
    public List<Attribute> attributes() {
        return attributes;
    }

    public List<MediaDescription> media() {
        return media;
    }

    /** The media description with that a=mid, or null. */
    public MediaDescription media(String mid) {
        for (MediaDescription m : media) {
            if (mid.equals(m.mid())) {
                return m;
            }
        }
        return null;
    }

    /** Every a=group line. */
    public List<Group> groups() {
        List<Group> out = new ArrayList<>();
        for (String v : attributeValues("group")) {
            try {
                out.add(Group.parse(v));
            } catch (SdpException e) {
                throw new IllegalStateException("checked when built", e);
            }
        }
        return out;
    }

    /** The first a=group:BUNDLE (RFC 8843), or null. */
    public Group bundle() {
        for (Group g : groups()) {
            if (g.semantics().equals("BUNDLE")) {
                return g;
            }
        }
        return null;
    }

    /** The description with CRLF line ends. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("v=0\r\n");
        sb.append("o=").append(origin).append("\r\n");
        sb.append("s=").append(sessionName).append("\r\n");
        for (Field f : fields) {
            sb.append(f).append("\r\n");
        }
        for (Attribute a : attributes) {
            sb.append("a=").append(a).append("\r\n");
        }
        for (MediaDescription m : media) {
            m.writeTo(sb);
        }
        return sb.toString();
    }

    public static Builder builder(Origin origin) {
        return new Builder(origin);
    }

    /** Assembles a description; s= defaults to "-" and t= to "0 0" (RFC 8829 §5.2.1). */
    public static final class Builder {
        private final Origin origin;
        private String sessionName = "-";
        private final List<Field> fields = new ArrayList<>();
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        private Builder(Origin origin) {
            this.origin = Objects.requireNonNull(origin);
        }

        public Builder sessionName(String name) {
            this.sessionName = Objects.requireNonNull(name);
            return this;
        }

        public Builder field(char type, String value) {
            fields.add(new Field(type, value));
            return this;
        }

        /** Adds a session-level attribute; checks the grammar of the attributes the SFU interprets. */
        public Builder attribute(String name, String value) {
            Attribute a = new Attribute(name, value);
            try {
                AttributeSyntax.check(a);
            } catch (SdpException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            attributes.add(a);
            return this;
        }

        public Builder flag(String name) {
            return attribute(name, null);
        }

        public Builder media(MediaDescription m) {
            media.add(Objects.requireNonNull(m));
            return this;
        }

        public SessionDescription build() {
            List<Field> all = new ArrayList<>(fields);
            if (all.stream().noneMatch(f -> f.type() == 't')) {
                all.add(new Field('t', "0 0"));
            }
            return new SessionDescription(origin, sessionName, all, attributes, media);
        }
    }
}
