package dev.vireo.whip;

import java.util.ArrayList;
import java.util.List;

/**
 * A trickle-ICE SDP fragment ({@code application/trickle-ice-sdpfrag}, RFC 8840 §9): the ICE credentials, candidates
 * and end-of-candidates a WHIP or WHEP client PATCHes onto its session (RFC 9725 §4.3), and the fragment the server
 * answers an ICE restart with.
 *
 * @param iceUfrag        a=ice-ufrag, or null when the fragment has none
 * @param icePwd          a=ice-pwd, or null
 * @param candidates      "candidate:..." values in order
 * @param mid             the a=mid of the first media section, or null
 * @param endOfCandidates whether a=end-of-candidates was present
 */
public record SdpFragment(String iceUfrag, String icePwd, List<String> candidates, String mid,
                          boolean endOfCandidates) {
    static final int MAX_LINES = 1000;
    private static final int MAX_LINE = 1024;

    public SdpFragment {
        candidates = List.copyOf(candidates);
    }

    /** A fragment that bad input never crashes: one declared exception with a message fit for the client. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads a fragment; unknown attribute lines are ignored (RFC 8840 §9.2 lets them appear). */
    public static SdpFragment parse(String text) throws MalformedException {
        String ufrag = null;
        String pwd = null;
        String mid = null;
        boolean end = false;
        List<String> candidates = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        if (lines.length > MAX_LINES) {
            throw new MalformedException("the fragment has more than " + MAX_LINES + " lines");
        }
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() > MAX_LINE || line.length() < 2 || line.charAt(1) != '=') {
                throw new MalformedException("not an SDP line: " + abbreviate(line));
            }
            if (line.startsWith("a=ice-ufrag:")) {
                ufrag = value(line, "a=ice-ufrag:");
            } else if (line.startsWith("a=ice-pwd:")) {
                pwd = value(line, "a=ice-pwd:");
            } else if (line.startsWith("a=mid:")) {
                if (mid == null) {
                    mid = value(line, "a=mid:");
                }
            } else if (line.startsWith("a=candidate:")) {
                String candidate = line.substring(2);
                if (candidate.split(" ").length < 8) {
                    throw new MalformedException("a candidate needs at least 8 fields: " + abbreviate(line));
                }
                candidates.add(candidate);
            } else if (line.equals("a=end-of-candidates")) {
                end = true;
            }
        }
        if ((ufrag == null) != (pwd == null)) {
            throw new MalformedException("an ICE restart needs both a=ice-ufrag and a=ice-pwd");
        }
        return new SdpFragment(ufrag, pwd, candidates, mid, end);
    }

    /** The server's answer to an ICE restart (RFC 9725 §4.4.1): its new credentials and candidates. */
    public static String answer(String ufrag, String pwd, List<String> candidates) {
        StringBuilder out = new StringBuilder();
        out.append("a=ice-ufrag:").append(ufrag).append("\r\n");
        out.append("a=ice-pwd:").append(pwd).append("\r\n");
        for (String c : candidates) {
            out.append("a=").append(c.startsWith("candidate:") ? c : "candidate:" + c).append("\r\n");
        }
        out.append("a=end-of-candidates\r\n");
        return out.toString();
    }

    private static String value(String line, String prefix) throws MalformedException {
        String v = line.substring(prefix.length()).strip();
        if (v.isEmpty() || v.length() > 256 || v.indexOf(' ') >= 0) {
            throw new MalformedException("bad value in " + abbreviate(line));
        }
        return v;
    }

    private static String abbreviate(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
}
