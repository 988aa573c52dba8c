package dev.vireo.sdp;

import java.util.Objects;

/**
 * A description line other than v=, o=, s=, t=, m= and a= (which have their own accessors): i=, u=, e=, p=, c=, b=,
 * r=, z=, k= (RFC 8866 §5). Kept as written so that a description round-trips.
 */
public record Field(char type, String value) {
    public Field {
        Objects.requireNonNull(value, "value");
        if (type < 'a' || type > 'z' || !Tokens.isLineText(value)) {
            throw new IllegalArgumentException("bad SDP line " + type + "=" + value);
        }
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }
}
