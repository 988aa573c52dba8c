package dev.vireo.signaling;

import dev.vireo.auth.Admission;
import dev.vireo.signaling.messages.Join;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rooms' entry conditions ({@link EntryConditions}) and the guests waiting in lobbies until a host admits or
 * denies them. Who waits is kept here; telling hosts and guests is {@link ClientSession}'s job.
 */
final class Lobby {
    /** A guest waiting: what their join asked for, to finish it once admitted. */
    record Knocker(String knockId, String room, String name, Join join, Admission entry, ClientSession session) {
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
        Knocker k = new Knocker(ParticipantIds.next(), room, name, join, entry, session);
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
}
