package dev.vireo.signaling;

import dev.vireo.signaling.messages.ParticipantInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Who is in which room, under what name and with which mute flags: the signaling side of room state. A room exists
 * while someone is in it. Each participant has a resume token, the secret a client must present with its id to take
 * the participant over from another session; it is replaced at every admission, so a token works once. Every method is atomic, and each returns the sessions to notify as a snapshot taken in the
 * same step, so that every client sees joins and leaves in an order consistent with the participant list it got.
 *
 * @param <S> the session type that owns a participant id (a {@link ClientSession} in the server)
 */
final class RoomRegistry<S> {
    /** A participant, the session that owns it now and the token that lets another session take it over. */
    private record Member<S>(ParticipantInfo info, S session, String resumeToken, boolean visible) {
    }

    /**
     * The outcome of a join.
     *
     * @param self          the joining participant as the others will see it
     * @param resumeToken   the participant's new resume token, for the joining client only
     * @param others        everyone else in the room, for the {@code joined} reply
     * @param otherSessions their sessions, to tell them about {@code self}
     * @param replaced      the session that owned this participant id before (a resume), or null
     */
    record Admission<S>(ParticipantInfo self, String resumeToken, List<ParticipantInfo> others,
                        List<S> otherSessions, S replaced) {
    }

    /** A changed participant and the sessions to tell. */
    record Update<S>(ParticipantInfo info, List<S> otherSessions) {
    }

    /**
     * A host's change to another participant.
     *
     * @param info          the target as it is now
     * @param target        the session that owns the target
     * @param otherSessions everyone else in the room (the host included)
     */
    record HostUpdate<S>(ParticipantInfo info, S target, List<S> otherSessions) {
    }

    private final Map<String, Map<String, Member<S>>> rooms = new HashMap<>();
    private final Supplier<String> idGenerator;
    private final Supplier<String> tokenGenerator;

    RoomRegistry(Supplier<String> idGenerator, Supplier<String> tokenGenerator) {
        this.idGenerator = idGenerator;
        this.tokenGenerator = tokenGenerator;
    }

    /**
     * Puts {@code session} into the room. When {@code requestedId} is in this room now and {@code resumeToken} is its
     * current token, the session takes it over (keeping its mute flags and role: a host's promotion survives a
     * reconnect); otherwise the participant gets a fresh id and {@code role}.
     */
    synchronized Admission<S> admit(String roomId, String requestedId, String resumeToken, String name, String role,
                                    S session) {
        return admit(roomId, requestedId, resumeToken, name, role, session, true);
    }

    /**
     * As above; an invisible participant (a viewer of a broadcast) is left out of everyone's participant list and
     * nobody is told about it, and it sees only the visible ones.
     */
    synchronized Admission<S> admit(String roomId, String requestedId, String resumeToken, String name, String role,
                                    S session, boolean visible) {
        Map<String, Member<S>> room = rooms.computeIfAbsent(roomId, id -> new LinkedHashMap<>());
        Member<S> previous = requestedId == null ? null : room.get(requestedId);
        if (previous != null && !ResumeTokens.matches(previous.resumeToken(), resumeToken)) {
            previous = null;
        }
        ParticipantInfo self;
        if (previous != null) {
            self = previous.info().withName(name);
        } else {
            String id;
            do {
                id = idGenerator.get();
            } while (room.containsKey(id));
            self = new ParticipantInfo(id, name, false, false, role);
        }
        List<ParticipantInfo> others = new ArrayList<>();
        List<S> otherSessions = new ArrayList<>();
        for (Member<S> member : room.values()) {
            if (!member.info().id().equals(self.id())) {
                if (member.visible()) {
                    others.add(member.info());
                }
                if (visible) {
                    otherSessions.add(member.session());
                }
            }
        }
        String token = tokenGenerator.get();
        room.put(self.id(), new Member<>(self, session, token, visible));
        return new Admission<>(self, token, others, otherSessions, previous == null ? null : previous.session());
    }

    /**
     * Removes the participant if {@code session} still owns it.
     *
     * @return the sessions left in the room, or null when the session no longer owned the id (already removed, or
     *         taken over by a rejoin)
     */
    synchronized List<S> remove(String roomId, String participantId, S session) {
        Map<String, Member<S>> room = rooms.get(roomId);
        if (room == null) {
            return null;
        }
        Member<S> member = room.get(participantId);
        if (member == null || member.session() != session) {
            return null;
        }
        room.remove(participantId);
        if (room.isEmpty()) {
            rooms.remove(roomId);
        }
        return sessions(room, null);
    }

    /** Changes mute flags (null keeps a flag); null when {@code session} does not own the participant. */
    synchronized Update<S> mute(String roomId, String participantId, S session, Boolean audio, Boolean video) {
        Map<String, Member<S>> room = rooms.get(roomId);
        Member<S> member = room == null ? null : room.get(participantId);
        if (member == null || member.session() != session) {
            return null;
        }
        ParticipantInfo info = member.info().withMute(audio, video);
        room.put(participantId, new Member<>(info, session, member.resumeToken(), member.visible()));
        return new Update<>(info, sessions(room, participantId));
    }

    /** The participant's role if {@code session} owns it, else null. */
    synchronized String roleOf(String roomId, String participantId, S session) {
        Member<S> member = member(roomId, participantId);
        return member == null || member.session() != session ? null : member.info().role();
    }

    /** The participant as the room knows it, or null. */
    synchronized ParticipantInfo info(String roomId, String participantId) {
        Member<S> member = member(roomId, participantId);
        return member == null ? null : member.info();
    }

    /** The session that owns the participant now, or null. */
    synchronized S sessionOf(String roomId, String participantId) {
        Member<S> member = member(roomId, participantId);
        return member == null ? null : member.session();
    }

    /**
     * Applies a host's change ({@code change} maps the target's info to its new info) to another participant;
     * null when the target is not in the room.
     */
    synchronized HostUpdate<S> hostChange(String roomId, String targetId, UnaryOperator<ParticipantInfo> change) {
        Map<String, Member<S>> room = rooms.get(roomId);
        Member<S> member = room == null ? null : room.get(targetId);
        if (member == null) {
            return null;
        }
        ParticipantInfo info = change.apply(member.info());
        room.put(targetId, new Member<>(info, member.session(), member.resumeToken(), member.visible()));
        return new HostUpdate<>(info, member.session(), sessions(room, targetId));
    }

    /** Every session in the room now. */
    synchronized List<S> sessions(String roomId) {
        Map<String, Member<S>> room = rooms.get(roomId);
        return room == null ? List.of() : sessions(room, null);
    }

    synchronized List<ParticipantInfo> participants(String roomId) {
        Map<String, Member<S>> room = rooms.get(roomId);
        return room == null ? List.of() : room.values().stream().filter(Member::visible).map(Member::info).toList();
    }

    /** How many invisible participants (viewers of a broadcast) a room has. */
    synchronized int invisibleCount(String roomId) {
        Map<String, Member<S>> room = rooms.get(roomId);
        return room == null ? 0 : (int) room.values().stream().filter(m -> !m.visible()).count();
    }

    synchronized int roomCount() {
        return rooms.size();
    }

    private Member<S> member(String roomId, String participantId) {
        Map<String, Member<S>> room = rooms.get(roomId);
        return room == null ? null : room.get(participantId);
    }

    private List<S> sessions(Map<String, Member<S>> room, String exceptId) {
        List<S> out = new ArrayList<>(room.size());
        for (Member<S> member : room.values()) {
            if (!member.info().id().equals(exceptId)) {
                out.add(member.session());
            }
        }
        return out;
    }
}
