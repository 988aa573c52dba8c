package dev.vireo.sdp;

import java.util.Objects;

/**
 * One {@code a=} line (RFC 8866 §5.13): {@code a=<name>} for a property attribute, {@code a=<name>:<value>} for a value
 * attribute. The value is kept exactly as written (including a leading space, as in {@code a=msid-semantic: WMS}) so
 * that parse → write reproduces the input.
 *
 * @param name  the attribute name, a non-empty RFC 8866 token
 * @param value the text after the first ':', or null for a property attribute
 */
public record Attribute(String name, String value) {
    public Attribute {
        Objects.requireNonNull(name, "name");
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("attribute name is not a token: " + name);
        }
        if (value != null && !Tokens.isLineText(value)) {
            throw new IllegalArgumentException("attribute value contains a line break or NUL");
        }
    }

    /** A property attribute such as {@code a=rtcp-mux}. */
    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    /** Splits the text after {@code a=}; no check of the value's grammar (see {@link AttributeSyntax}). */
    static Attribute parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? new Attribute(text, null) : new Attribute(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The line content after {@code a=}. */
    @Override
    public String toString() {
        return value == null ? name : name + ':' + value;
    }
}
