package dev.vireo.auth;

import java.util.Optional;

/**
 * The rules of the rooms one feature governs: streams make broadcast rooms, scheduled meetings make meeting rooms
 * with a time window. {@link RoomAccess} asks each rule in turn; the first that governs a room decides.
 */
public interface RoomRule {
    /**
     * How someone enters {@code room}, or empty when this rule does not govern it.
     *
     * @param token their verified token for this room, or null when they came without one
     * @throws AccessDeniedException when this rule governs the room and refuses them
     */
    Optional<Admission> admit(String room, AccessToken token) throws AccessDeniedException;
}
