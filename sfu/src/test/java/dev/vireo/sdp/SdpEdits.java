package dev.vireo.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Line edits on captured SDP, to derive broken variants of real descriptions. */
final class SdpEdits {
    private SdpEdits() {
    }

    /** Removes every line starting with the prefix, at any level. */
    static String removeLines(String sdp, String prefix) {
        return edit(sdp, -2, line -> line.startsWith(prefix) ? null : line);
    }

    /** Removes the lines starting with the prefix inside m-line {@code index} (-1: session level only). */
    static String removeLines(String sdp, int index, String prefix) {
        return edit(sdp, index, line -> line.startsWith(prefix) ? null : line);
    }

    /** Replaces lines inside m-line {@code index} (-1: session level, -2: everywhere); null drops a line. */
    static String edit(String sdp, int index, UnaryOperator<String> f) {
        List<String> out = new ArrayList<>();
        int section = -1;
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("m=")) {
                section++;
            }
            String changed = index == -2 || index == section ? f.apply(line) : line;
            if (changed != null) {
                out.add(changed);
            }
        }
        return String.join("\r\n", out) + "\r\n";
    }
}
