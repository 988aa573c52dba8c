package dev.vireo.sdp;

/**
 * {@code a=ssrc:<ssrc-id> <attribute>[:<value>]} (RFC 5576 §4.1), e.g. "79615849 cname:bzM32T0LfQgEUfm6".
 *
 * @param value the text after the attribute name's ':', or null
 */
public record SsrcAttribute(long ssrc, String name, String value) {
    static SsrcAttribute parse(String value) throws SdpException {
        int space = value.indexOf(' ');
        long ssrc = space < 0 ? -1 : Tokens.ssrc(value.substring(0, space));
        String rest = space < 0 ? "" : value.substring(space + 1);
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        if (ssrc < 0 || !Tokens.isToken(name)) {
            throw new SdpException("bad a=ssrc:" + value + " (want <ssrc> <attribute>[:<value>])");
        }
        return new SsrcAttribute(ssrc, name, colon < 0 ? null : rest.substring(colon + 1));
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ssrc) + ' ' + name + (value != null ? ":" + value : "");
    }
}
