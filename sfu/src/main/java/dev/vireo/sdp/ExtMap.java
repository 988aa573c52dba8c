package dev.vireo.sdp;

import java.util.List;

/**
 * {@code a=extmap:<id>[/<direction>] <URI> [<extension attributes>]} (RFC 8285 §7). Ids 1–14 fit the one-byte header
 * form, 1–255 the two-byte form.
 *
 * @param direction  "sendonly", "recvonly", ... or null when not given
 * @param attributes extension attributes as written, or null
 */
public record ExtMap(int id, String direction, String uri, String attributes) {
    static ExtMap parse(String value) throws SdpException {
        List<String> words = Tokens.words(value);
        if (words.size() < 2) {
            throw bad(value);
        }
        String idPart = words.get(0);
        String direction = null;
        int slash = idPart.indexOf('/');
        if (slash >= 0) {
            direction = idPart.substring(slash + 1);
            idPart = idPart.substring(0, slash);
            if (!Direction.isDirection(direction)) {
                throw bad(value);
            }
        }
        long id = Tokens.number(idPart, 1, 255);
        if (id < 0) {
            throw bad(value);
        }
        String attributes = words.size() > 2 ? String.join(" ", words.subList(2, words.size())) : null;
        return new ExtMap((int) id, direction, words.get(1), attributes);
    }

    private static SdpException bad(String value) {
        return new SdpException("bad a=extmap:" + value + " (want <id 1-255>[/<direction>] <uri>)");
    }

    @Override
    public String toString() {
        return id + (direction != null ? "/" + direction : "") + ' ' + uri + (attributes != null ? " " + attributes : "");
    }
}
