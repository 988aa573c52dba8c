package dev.vireo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoomAccessTest {
    private final Tokens tokens = new Tokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            Clock.systemUTC());

    private String token(String room, Role role) {
        return tokens.issue(new AccessToken(room, "id-1", "Token Name", role, Instant.now().plusSeconds(60)));
    }

    @Test
    void openAdHocRoomsLetAnyoneInAsParticipant() throws AccessDeniedException {
        Admission admission = new RoomAccess(tokens, true).admit("r", null);
        assertEquals(new Admission(RoomKind.MEETING, Role.PARTICIPANT, null, null), admission);
        assertTrue(admission.mayPublish());
    }

    @Test
    void closedAdHocRoomsNeedAToken() throws AccessDeniedException {
        RoomAccess access = new RoomAccess(tokens, false);
        assertEquals(AccessDeniedException.Reason.UNAUTHORIZED,
                assertThrows(AccessDeniedException.class, () -> access.admit("r", null)).reason());
        assertEquals(new Admission(RoomKind.MEETING, Role.VIEWER, "id-1", "Token Name"),
                access.admit("r", token("r", Role.VIEWER)));
    }

    @Test
    void aBadTokenIsNeverTreatedAsNoToken() {
        RoomAccess open = new RoomAccess(tokens, true);
        assertEquals(AccessDeniedException.Reason.UNAUTHORIZED,
                assertThrows(AccessDeniedException.class, () -> open.admit("r", token("other", Role.HOST))).reason());
        assertEquals(AccessDeniedException.Reason.UNAUTHORIZED,
                assertThrows(AccessDeniedException.class, () -> open.admit("r", "garbage")).reason());
    }

    @Test
    void theFirstRuleThatGovernsARoomDecides() throws AccessDeniedException {
        RoomAccess access = new RoomAccess(tokens, true);
        access.addRule((room, token) -> room.startsWith("live-")
                ? Optional.of(token == null ? new Admission(RoomKind.BROADCAST, Role.VIEWER, null, null)
                        : Admission.of(RoomKind.BROADCAST, token))
                : Optional.empty());
        access.addRule((room, token) -> {
            throw new AccessDeniedException(AccessDeniedException.Reason.ROOM_NOT_FOUND, "no " + room);
        });
        Admission viewer = access.admit("live-1", null);
        assertEquals(RoomKind.BROADCAST, viewer.kind());
        assertFalse(viewer.mayPublish());
        assertFalse(access.admit("live-1", token("live-1", Role.PARTICIPANT)).mayPublish());
        assertTrue(access.admit("live-1", token("live-1", Role.HOST)).mayPublish());
        assertEquals(AccessDeniedException.Reason.ROOM_NOT_FOUND,
                assertThrows(AccessDeniedException.class, () -> access.admit("x", null)).reason());
    }
}
