package dev.vireo.sdp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code a=fmtp:<format> <format specific parameters>} (RFC 8866 §6.15). For RTP m-lines the format is a payload type.
 *
 * @param format     the format the parameters belong to (a payload type for RTP)
 * @param parameters the parameter text as written, e.g. "minptime=10;useinbandfec=1" or "apt=96"
 */
public record Fmtp(String format, String parameters) {
    static Fmtp parse(String value) throws SdpException {
        int space = value.indexOf(' ');
        if (space <= 0 || !Tokens.isToken(value.substring(0, space)) || value.substring(space + 1).isBlank()) {
            throw new SdpException("bad a=fmtp:" + value + " (want <format> <parameters>)");
        }
        return new Fmtp(value.substring(0, space), value.substring(space + 1).trim());
    }

    /** The payload type, or -1 when the format is not one. */
    public int payloadType() {
        return Tokens.payloadType(format);
    }

    /**
     * The {@code key=value} pairs separated by ';' (the form every codec here uses, RFC 7587 / 6184 / 4588); a key
     * without '=' maps to "". Keys are kept as written, in order.
     */
    public Map<String, String> parameterMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : parameters.split(";")) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            map.put(eq < 0 ? p : p.substring(0, eq).trim(), eq < 0 ? "" : p.substring(eq + 1).trim());
        }
        return map;
    }

    @Override
    public String toString() {
        return format + ' ' + parameters;
    }
}
