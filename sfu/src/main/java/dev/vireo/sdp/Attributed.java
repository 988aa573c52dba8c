package dev.vireo.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Look-ups over the a= lines of one level of a description, the session or a media description (RFC 8866 §5.13),
 * including the transport attributes JSEP lets either level carry.
 */
public interface Attributed {
    /** The attributes of this level, in order. */
    List<Attribute> attributes();

    /** The value of the first attribute with that name ("" for a property attribute), or null if absent. */
    default String attribute(String name) {
        for (Attribute a : attributes()) {
            if (a.name().equals(name)) {
                return a.value() == null ? "" : a.value();
            }
        }
        return null;
    }

    default boolean hasAttribute(String name) {
        return attribute(name) != null;
    }

    /** The values of every attribute with that name, in order. */
    default List<String> attributeValues(String name) {
        List<String> out = new ArrayList<>();
        for (Attribute a : attributes()) {
            if (a.name().equals(name)) {
                out.add(a.value() == null ? "" : a.value());
            }
        }
        return out;
    }

    /** a=ice-ufrag (RFC 8839 §5.4) at this level, or null. */
    default String iceUfrag() {
        return attribute("ice-ufrag");
    }

    /** a=ice-pwd (RFC 8839 §5.4) at this level, or null. */
    default String icePwd() {
        return attribute("ice-pwd");
    }

    /** Every a=fingerprint value (RFC 8122 §5) at this level ("sha-256 AB:CD:..."), in order. */
    default List<String> fingerprints() {
        return attributeValues("fingerprint");
    }

    /** a=setup (RFC 4145 §4) at this level: actpass, active, passive or holdconn; null when absent. */
    default String setup() {
        return attribute("setup");
    }
}
