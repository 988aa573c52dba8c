package dev.vireo.auth;

import java.util.Locale;

/** What a participant may do in a room. Carried in access tokens as {@code role}. */
public enum Role {
    /** Publishes, and runs the room: host controls, admitting from a lobby, going live in a broadcast. */
    HOST,
    /** Publishes and receives in a meeting; in a broadcast only receives. */
    PARTICIPANT,
    /** Only receives: never asked for a camera, never shown as a tile. */
    VIEWER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code host}, {@code participant} or {@code viewer}; null for anything else. */
    public static Role parse(String wireName) {
        if (wireName == null) {
            return null;
        }
        for (Role role : values()) {
            if (role.wireName().equals(wireName)) {
                return role;
            }
        }
        return null;
    }
}
