package dev.vireo.sfu.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class LastNTest {
    private static final List<String> MEMBERS = List.of("a", "b", "c", "d", "e");

    @Test
    void zeroMeansEveryone() {
        assertNull(LastN.select(0, "a", List.of("b"), MEMBERS));
    }

    @Test
    void recentSpeakersFirstThenJoinOrderNeverSelf() {
        assertEquals(List.of("d", "b"), List.copyOf(LastN.select(2, "a", List.of("d", "a", "b"), MEMBERS)));
        assertEquals(List.of("d", "b", "c"), List.copyOf(LastN.select(3, "a", List.of("d", "a", "b"), MEMBERS)));
        assertEquals(List.of("b"), List.copyOf(LastN.select(1, "a", List.of(), MEMBERS)));
        assertEquals(List.of("a"), List.copyOf(LastN.select(1, "d", List.of("d", "a"), MEMBERS)));
    }

    @Test
    void speakersWhoLeftAreSkipped() {
        assertEquals(List.of("c"), List.copyOf(LastN.select(1, "a", List.of("z", "c"), MEMBERS)));
    }

    @Test
    void nLargerThanTheRoomGivesEveryoneElse() {
        assertEquals(List.of("b", "c", "d", "e"), List.copyOf(LastN.select(10, "a", List.of(), MEMBERS)));
    }
}
