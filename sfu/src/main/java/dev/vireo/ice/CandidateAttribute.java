package dev.vireo.ice;

import java.util.Locale;

/**
 * One ICE candidate as carried in SDP's {@code a=candidate} attribute and in trickled {@code RTCIceCandidate}s.
 *
 * <pre>
 * candidate-attribute = "candidate" ":" foundation SP component-id SP
 *                       transport SP priority SP connection-address SP port
 *                       SP cand-type [SP rel-addr] [SP rel-port]
 *                       *(SP cand-extension)
 * cand-type           = "typ" SP candidate-types
 * rel-addr            = "raddr" SP connection-address
 * rel-port            = "rport" SP port
 *
 * candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host generation 0
 * </pre>
 * (RFC 8839 §5.1). The connection address is kept as text: it may be an FQDN or an mDNS {@code .local} name, which
 * the caller decides to ignore rather than resolve.
 *
 * @param foundation     up to 32 ice-chars
 * @param componentId    1 for RTP; BUNDLE with rtcp-mux only ever uses 1
 * @param transport      lower-cased, e.g. "udp" or "tcp"
 * @param priority       0 .. 2^32-1
 * @param address        connection address as written
 * @param port           0 .. 65535
 * @param type           lower-cased: host, srflx, prflx, relay
 * @param relatedAddress raddr, or null
 * @param relatedPort    rport, or -1
 */
public record CandidateAttribute(String foundation, int componentId, String transport, long priority, String address,
                                 int port, String type, String relatedAddress, int relatedPort) {

    private static final String PREFIX = "candidate:";

    /**
     * Parses an attribute value, with or without the leading {@code a=} and {@code candidate:}.
     *
     * @throws IllegalArgumentException if it does not follow the grammar above
     */
    public static CandidateAttribute parse(String text) {
        String s = text.strip();
        if (s.startsWith("a=")) {
            s = s.substring(2);
        }
        if (s.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            s = s.substring(PREFIX.length());
        }
        String[] f = s.split(" +");
        if (f.length < 8) {
            throw new IllegalArgumentException("candidate has " + f.length + " fields, needs at least 8");
        }
        String foundation = f[0];
        if (foundation.isEmpty() || foundation.length() > 32 || !isIceChars(foundation)) {
            throw new IllegalArgumentException("bad foundation '" + foundation + "'");
        }
        int component = (int) number(f[1], 3, "component-id");
        String transport = f[2].toLowerCase(Locale.ROOT);
        if (transport.isEmpty() || !isToken(transport)) {
            throw new IllegalArgumentException("bad transport '" + f[2] + "'");
        }
        long priority = number(f[3], 10, "priority");
        if (priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("priority out of range: " + priority);
        }
        String address = f[4];
        if (address.isEmpty() || !isToken(address)) {
            throw new IllegalArgumentException("bad connection address '" + address + "'");
        }
        int port = port(f[5]);
        if (!f[6].equals("typ")) {
            throw new IllegalArgumentException("expected 'typ', found '" + f[6] + "'");
        }
        String type = f[7].toLowerCase(Locale.ROOT);
        if (!isToken(type)) {
            throw new IllegalArgumentException("bad candidate type '" + f[7] + "'");
        }
        String relatedAddress = null;
        int relatedPort = -1;
        int i = 8;
        if (i + 1 < f.length && f[i].equals("raddr")) {
            relatedAddress = f[i + 1];
            i += 2;
        }
        if (i + 1 < f.length && f[i].equals("rport")) {
            relatedPort = port(f[i + 1]);
            i += 2;
        }
        if ((f.length - i) % 2 != 0) {
            throw new IllegalArgumentException("extension attribute without a value");
        }
        return new CandidateAttribute(foundation, component, transport, priority, address, port, type,
                relatedAddress, relatedPort);
    }

    /** The attribute value, starting with {@code candidate:}, as it goes into SDP. */
    public String toAttributeValue() {
        StringBuilder sb = new StringBuilder(96).append(PREFIX).append(foundation).append(' ').append(componentId)
                .append(' ').append(transport).append(' ').append(priority).append(' ').append(address).append(' ')
                .append(port).append(" typ ").append(type);
        if (relatedAddress != null) {
            sb.append(" raddr ").append(relatedAddress);
        }
        if (relatedPort >= 0) {
            sb.append(" rport ").append(relatedPort);
        }
        return sb.toString();
    }

    /** The priority RFC 8445 §5.1.2.1 gives a candidate: 2^24 type preference + 2^8 local preference + 256 - component. */
    public static long priority(int typePreference, int localPreference, int componentId) {
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - componentId);
    }

    private static long number(String text, int maxDigits, String what) {
        if (text.isEmpty() || text.length() > maxDigits) {
            throw new IllegalArgumentException("bad " + what + " '" + text + "'");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("bad " + what + " '" + text + "'");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int port(String text) {
        long port = number(text, 5, "port");
        if (port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return (int) port;
    }

    /** ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.1). */
    private static boolean isIceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Visible ASCII only: rejects control characters smuggled into names that end up in logs. */
    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
