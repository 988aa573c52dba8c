package dev.vireo.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=simulcast:<send|recv> <streams> [<send|recv> <streams>]} (RFC 8853 §5.1). Streams are separated by ';',
 * alternative formats of one stream by ','; a leading '~' marks a paused stream.
 *
 * @param send the rid of each stream the writer sends (its first alternative, without '~'), in order
 * @param recv the same for the streams the writer receives
 */
public record Simulcast(List<String> send, List<String> recv) {
    public Simulcast {
        send = List.copyOf(send);
        recv = List.copyOf(recv);
    }

    static Simulcast parse(String value) throws SdpException {
        List<String> words = Tokens.words(value);
        List<String> send = List.of();
        List<String> recv = List.of();
        if (words.size() != 2 && words.size() != 4) {
            throw bad(value);
        }
        for (int i = 0; i < words.size(); i += 2) {
            List<String> streams = streams(words.get(i + 1), value);
            switch (words.get(i)) {
                case "send" -> {
                    if (!send.isEmpty()) {
                        throw bad(value);
                    }
                    send = streams;
                }
                case "recv" -> {
                    if (!recv.isEmpty()) {
                        throw bad(value);
                    }
                    recv = streams;
                }
                default -> throw bad(value);
            }
        }
        return new Simulcast(send, recv);
    }

    private static List<String> streams(String list, String value) throws SdpException {
        List<String> out = new ArrayList<>();
        for (String stream : list.split(";", -1)) {
            String first = stream.split(",", -1)[0];
            String rid = first.startsWith("~") ? first.substring(1) : first;
            if (!Rid.isRidId(rid)) {
                throw bad(value);
            }
            out.add(rid);
        }
        return out;
    }

    private static SdpException bad(String value) {
        return new SdpException("bad a=simulcast:" + value + " (want send|recv <rid>;<rid>...)");
    }

    /** The attribute value, e.g. "recv q;h;f". Alternatives and pause markers of a parsed value are not kept. */
    @Override
    public String toString() {
        String s = send.isEmpty() ? "" : "send " + String.join(";", send);
        String r = recv.isEmpty() ? "" : "recv " + String.join(";", recv);
        return s.isEmpty() ? r : r.isEmpty() ? s : s + ' ' + r;
    }
}
