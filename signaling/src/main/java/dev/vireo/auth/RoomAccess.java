package dev.vireo.auth;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Decides who enters which room, with which role: signaling's {@code join}, WHIP and WHEP all ask here, so a room
 * has the same rules whichever way someone comes in.
 *
 * <p>A token, when given, is always verified (a bad one is refused, never treated as none). Then the first
 * {@link RoomRule} that governs the room decides. A room no rule governs is an ad-hoc meeting room: a token's role
 * applies; without a token, everyone is a participant when rooms are open, and refused when they are not.
 */
public final class RoomAccess {
    private final Tokens tokens;
    private final boolean openRooms;
    private final List<RoomRule> rules = new CopyOnWriteArrayList<>();

    public RoomAccess(Tokens tokens, boolean openRooms) {
        this.tokens = tokens;
        this.openRooms = openRooms;
    }

    /** Adds the rules of one feature's rooms; rules added earlier are asked first. */
    public void addRule(RoomRule rule) {
        rules.add(rule);
    }

    public Tokens tokens() {
        return tokens;
    }

    /**
     * How someone with {@code compactToken} (null or empty for none) enters {@code room}.
     *
     * @throws AccessDeniedException with {@link AccessDeniedException.Reason#UNAUTHORIZED} for a bad token, or
     *                               whatever the room's rule refuses
     */
    public Admission admit(String room, String compactToken) throws AccessDeniedException {
        AccessToken token = null;
        if (compactToken != null && !compactToken.isEmpty()) {
            try {
                token = tokens.verify(compactToken, room);
            } catch (TokenRejectedException e) {
                throw new AccessDeniedException(AccessDeniedException.Reason.UNAUTHORIZED, e.getMessage());
            }
        }
        for (RoomRule rule : rules) {
            Optional<Admission> decided = rule.admit(room, token);
            if (decided.isPresent()) {
                return decided.get();
            }
        }
        if (token != null) {
            return Admission.of(RoomKind.MEETING, token);
        }
        if (!openRooms) {
            throw new AccessDeniedException(AccessDeniedException.Reason.UNAUTHORIZED,
                    "room " + room + " needs an access token");
        }
        return new Admission(RoomKind.MEETING, Role.PARTICIPANT, null, null);
    }
}
