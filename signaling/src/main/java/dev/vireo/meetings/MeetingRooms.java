package dev.vireo.meetings;

import dev.vireo.auth.AccessDeniedException;
import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Admission;
import dev.vireo.auth.Role;
import dev.vireo.auth.RoomKind;
import dev.vireo.auth.RoomRule;
import dev.vireo.signaling.EntryConditions;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * The rooms of scheduled meetings: open only in each occurrence's window ({@link MeetingWindow}), guests without a
 * token enter as participants, and the meeting's lobby and password apply ({@link EntryConditions}).
 */
public final class MeetingRooms implements RoomRule, EntryConditions {
    private final MeetingStore store;
    private final MeetingWindow window;
    private final Clock clock;

    public MeetingRooms(MeetingStore store, MeetingWindow window, Clock clock) {
        this.store = store;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public Optional<Admission> admit(String room, AccessToken token) throws AccessDeniedException {
        Optional<Meeting> found = meeting(room);
        if (found.isEmpty()) {
            if (deleted(room)) {
                throw new AccessDeniedException(AccessDeniedException.Reason.ROOM_NOT_FOUND,
                        "This meeting was cancelled.");
            }
            return Optional.empty();
        }
        MeetingWindow.State state = window.at(found.get(), clock.instant());
        if (!(state instanceof MeetingWindow.Open)) {
            throw new AccessDeniedException(AccessDeniedException.Reason.ROOM_CLOSED, window.explain(state));
        }
        if (token != null) {
            return Optional.of(Admission.of(RoomKind.MEETING, token));
        }
        return Optional.of(new Admission(RoomKind.MEETING, Role.PARTICIPANT, null, null));
    }

    @Override
    public Optional<Conditions> forRoom(String room) {
        return meeting(room).map(m -> new Conditions() {
            @Override
            public boolean lobby() {
                return m.lobby();
            }

            @Override
            public boolean passwordRequired() {
                return m.passwordHash() != null;
            }

            @Override
            public boolean passwordMatches(String password) {
                return m.passwordHash() != null && PasswordHash.matches(password, m.passwordHash());
            }
        });
    }

    private Optional<Meeting> meeting(String room) {
        try {
            return store.findByRoom(room);
        } catch (SQLException e) {
            throw new IllegalStateException("the meetings database failed: " + e.getMessage(), e);
        }
    }

    private boolean deleted(String room) {
        try {
            return store.wasDeleted(room);
        } catch (SQLException e) {
            throw new IllegalStateException("the meetings database failed: " + e.getMessage(), e);
        }
    }
}
