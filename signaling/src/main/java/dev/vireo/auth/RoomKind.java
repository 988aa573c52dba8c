package dev.vireo.auth;

/** How a room works: who publishes and who sees whom. */
public enum RoomKind {
    /** Everyone may publish and everyone sees everyone. */
    MEETING,
    /** Hosts publish; viewers only receive and do not see each other. */
    BROADCAST;

    /** Whether someone with {@code role} may send media in a room of this kind. */
    public boolean mayPublish(Role role) {
        return switch (role) {
            case HOST -> true;
            case PARTICIPANT -> this == MEETING;
            case VIEWER -> false;
        };
    }
}
