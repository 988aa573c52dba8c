package dev.vireo.signaling;

import dev.vireo.auth.Admission;
import dev.vireo.signaling.messages.ErrorCode;
import dev.vireo.signaling.messages.Join;
import dev.vireo.signaling.messages.Knock;
import dev.vireo.signaling.messages.KnockWithdrawn;
import dev.vireo.signaling.messages.LobbyDecision;
import dev.vireo.signaling.messages.ProtocolException;
import dev.vireo.signaling.messages.ServerMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rooms' entry conditions ({@link EntryConditions}) and the guests waiting in lobbies until a host admits or
 * denies them. A guest's own session puts it in the lobby and finishes its join once admitted
 * ({@link ClientSession#admitted}); a host's decision is settled here.
 */
final class Lobby {
    /** A guest waiting: what their join asked for, to finish it once admitted. */
    /** @param told the hosts who have heard of this knock: each hears of it once */
    record Knocker(String knockId, String room, String name, Join join, Admission entry, ClientSession session,
                   Set<ClientSession> told) {
    }

    private final List<EntryConditions> conditions = new CopyOnWriteArrayList<>();
    /** Room id to knock id to knocker, in knock order. Guarded by this. */
    private final Map<String, Map<String, Knocker>> waiting = new LinkedHashMap<>();

    void add(EntryConditions entryConditions) {
        conditions.add(entryConditions);
    }

    /** The first registered conditions that govern {@code room}. */
    Optional<EntryConditions.Conditions> conditionsFor(String room) {
        for (EntryConditions c : conditions) {
            Optional<EntryConditions.Conditions> found = c.forRoom(room);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Puts a guest in the room's lobby. */
    synchronized Knocker knock(String room, String name, Join join, Admission entry, ClientSession session) {
        Knocker k = new Knocker(ParticipantIds.next(), room, name, join, entry, session,
                ConcurrentHashMap.newKeySet());
        waiting.computeIfAbsent(room, r -> new LinkedHashMap<>()).put(k.knockId(), k);
        return k;
    }

    /** Takes a knock out of the lobby (admitted, denied or gone), or null when it is no longer there. */
    synchronized Knocker take(String room, String knockId) {
        Map<String, Knocker> inRoom = waiting.get(room);
        if (inRoom == null) {
            return null;
        }
        Knocker k = inRoom.remove(knockId);
        if (inRoom.isEmpty()) {
            waiting.remove(room);
        }
        return k;
    }

    /** Everyone waiting for {@code room}, in knock order. */
    synchronized List<Knocker> waitingFor(String room) {
        Map<String, Knocker> inRoom = waiting.get(room);
        return inRoom == null ? List.of() : new ArrayList<>(inRoom.values());
    }

    /** Checks a join's password against the room's, when it has one. */
    static void checkPassword(EntryConditions.Conditions conditions, Join join) throws ProtocolException {
        if (!conditions.passwordRequired()) {
            return;
        }
        if (join.password() == null) {
            throw new ProtocolException(ErrorCode.PASSWORD_REQUIRED, "this meeting needs a password", join.type());
        }
        if (!conditions.passwordMatches(join.password())) {
            throw new ProtocolException(ErrorCode.WRONG_PASSWORD, "the password is not right", join.type());
        }
    }

    /** A host's admit or deny: the knock leaves the lobby, the hosts hear it, the guest's session acts on it. */
    void decide(RoomRegistry<ClientSession> registry, ClientSession host, Membership m, LobbyDecision decision)
            throws ProtocolException {
        if (!host.isHost()) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only a host may " + decision.type() + " guests",
                    decision.type());
        }
        Knocker k = take(m.roomId, decision.knockId());
        if (k == null) {
            throw new ProtocolException(ErrorCode.NO_SUCH_KNOCK, "nobody with knock id " + decision.knockId()
                    + " is waiting (admitted, denied or gone)", decision.type());
        }
        tellHosts(registry, m.roomId, new KnockWithdrawn(k.knockId(), decision.admits() ? KnockWithdrawn.ADMITTED
                : KnockWithdrawn.DENIED));
        ClientSession guest = k.session();
        if (decision.admits()) {
            guest.inbox().execute(() -> guest.admitted(k));
        } else {
            guest.inbox().execute(() -> guest.denied(k));
        }
    }

    /**
     * Tells every host in the knock's room who is knocking, and each only once: a host entering the room while a
     * guest knocks would otherwise hear of it both from the knock and from its own look at the lobby on entering.
     */
    static void announce(RoomRegistry<ClientSession> registry, Knocker k) {
        for (ClientSession s : registry.sessions(k.room())) {
            if (s.isHost()) {
                announce(k, s);
            }
        }
    }

    /** Tells {@code host} about {@code k} unless it has heard already. */
    static void announce(Knocker k, ClientSession host) {
        if (k.told().add(host)) {
            host.deliver(new Knock(k.knockId(), k.name()));
        }
    }

    /** Sends {@code message} to every host in {@code room}. */
    static void tellHosts(RoomRegistry<ClientSession> registry, String room, ServerMessage message) {
        for (ClientSession s : registry.sessions(room)) {
            if (s.isHost()) {
                s.deliver(message);
            }
        }
    }
}
