package dev.vireo.auth;

import java.util.Objects;

/**
 * How someone enters a room.
 *
 * @param kind     how the room works
 * @param role     what they may do there
 * @param identity the stable id their token names, or null when they came without one
 * @param name     the display name their token sets, or null to use the one they typed
 */
public record Admission(RoomKind kind, Role role, String identity, String name) {
    public Admission {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
    }

    /** Whether they may send media. */
    public boolean mayPublish() {
        return kind.mayPublish(role);
    }

    /** What a token grants in a room of {@code kind}. */
    public static Admission of(RoomKind kind, AccessToken token) {
        return new Admission(kind, token.role(), token.identity(), token.name());
    }
}
