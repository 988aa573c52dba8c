package dev.vireo.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vireo.signaling.messages.ParticipantInfo;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomRegistryTest {
    private final Iterator<String> ids = List.of("id1", "id2", "id2", "id3", "id4").iterator();
    private final Iterator<String> tokens = List.of("t1", "t2", "t3", "t4", "t5", "t6").iterator();
    private final RoomRegistry<String> registry = new RoomRegistry<>(ids::next, tokens::next);

    @Test
    void admitListsOthersAndTheirSessions() {
        RoomRegistry.Admission<String> a = registry.admit("r", null, null, "Alice", "participant", "sa");
        assertEquals(new ParticipantInfo("id1", "Alice", false, false, "participant"), a.self());
        assertEquals(List.of(), a.others());
        RoomRegistry.Admission<String> b = registry.admit("r", null, null, "Bob", "participant", "sb");
        assertEquals("id2", b.self().id());
        assertEquals(List.of(a.self()), b.others());
        assertEquals(List.of("sa"), b.otherSessions());
        assertNull(b.replaced());
    }

    @Test
    void generatedIdsAreUniqueInTheRoom() {
        registry.admit("r", null, null, "A", "participant", "s1");
        registry.admit("r", null, null, "B", "participant", "s2");
        // The generator repeats id2: the registry asks again.
        assertEquals("id3", registry.admit("r", null, null, "C", "participant", "s3").self().id());
    }

    @Test
    void rejoinTakesOverTheIdWithItsMuteFlags() {
        String token = registry.admit("r", null, null, "Alice", "participant", "old").resumeToken();
        registry.admit("r", null, null, "Bob", "participant", "sb");
        registry.mute("r", "id1", "old", true, null);
        RoomRegistry.Admission<String> again = registry.admit("r", "id1", token, "Alice 2", "participant", "new");
        assertEquals(new ParticipantInfo("id1", "Alice 2", true, false, "participant"), again.self());
        assertEquals("old", again.replaced());
        assertEquals(List.of("sb"), again.otherSessions());
        // The old session no longer owns the id: it can neither remove nor mute it.
        assertNull(registry.remove("r", "id1", "old"));
        assertNull(registry.mute("r", "id1", "old", false, false));
        assertEquals(2, registry.participants("r").size());
        assertEquals(List.of("sb"), registry.remove("r", "id1", "new"));
    }

    @Test
    void anIdFromAnotherRoomIsNotTakenOver() {
        String token = registry.admit("r1", null, null, "Alice", "participant", "sa").resumeToken();
        RoomRegistry.Admission<String> other = registry.admit("r2", "id1", token, "Mallory", "participant", "sm");
        assertEquals("id2", other.self().id());
        assertNull(other.replaced());
    }

    @Test
    void roomExistsWhileSomeoneIsInIt() {
        registry.admit("r", null, null, "A", "participant", "sa");
        registry.admit("r", null, null, "B", "participant", "sb");
        assertEquals(1, registry.roomCount());
        assertEquals(List.of("sb"), registry.remove("r", "id1", "sa"));
        assertNull(registry.remove("r", "id1", "sa"));
        assertEquals(List.of(), registry.remove("r", "id2", "sb"));
        assertEquals(0, registry.roomCount());
        assertEquals(List.of(), registry.participants("r"));
    }

    @Test
    void muteReturnsTheNewStateForTheOthers() {
        registry.admit("r", null, null, "A", "participant", "sa");
        registry.admit("r", null, null, "B", "participant", "sb");
        RoomRegistry.Update<String> update = registry.mute("r", "id1", "sa", null, true);
        assertEquals(new ParticipantInfo("id1", "A", false, true, "participant"), update.info());
        assertEquals(List.of("sb"), update.otherSessions());
    }
}
