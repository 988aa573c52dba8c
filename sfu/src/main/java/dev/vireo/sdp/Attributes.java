package dev.vireo.sdp;

import java.util.ArrayList;
import java.util.List;

/** Look-ups over an attribute list, shared by the session and media levels. */
final class Attributes {
    private Attributes() {
    }

    static String first(List<Attribute> attributes, String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return a.value() == null ? "" : a.value();
            }
        }
        return null;
    }

    static List<String> all(List<Attribute> attributes, String name) {
        List<String> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                out.add(a.value() == null ? "" : a.value());
            }
        }
        return out;
    }
}
