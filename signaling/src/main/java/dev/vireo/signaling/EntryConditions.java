package dev.vireo.signaling;

import java.util.Optional;

/**
 * What a room asks of someone before they enter, beyond {@link dev.vireo.auth.RoomAccess}: a password, a wait in the
 * lobby until a host admits them. Hosts (by their token) skip both. A feature that governs rooms (scheduled meetings)
 * registers one with {@link SignalingServer#addEntryConditions}.
 */
public interface EntryConditions {
    /** A room's conditions. */
    interface Conditions {
        /** Whether guests wait in the lobby until a host admits them. */
        boolean lobby();

        /** Whether a password is needed. */
        boolean passwordRequired();

        /** Whether {@code password} is the room's; slow on purpose and constant-time. */
        boolean passwordMatches(String password);
    }

    /** The conditions of {@code room}, or empty when this feature does not govern it. */
    Optional<Conditions> forRoom(String room);
}
