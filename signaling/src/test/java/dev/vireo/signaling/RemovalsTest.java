package dev.vireo.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Who a host removed stays out of that room, by token identity, for the ban period and no longer. */
class RemovalsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final Removals removals = new Removals(Duration.ofMinutes(10), now::get);

    @Test
    void aRemovedIdentityStaysOutOfThatRoomForTheBanOnly() {
        removals.remove("standup", "gus");
        assertEquals(Duration.ofMinutes(10), removals.remaining("standup", "gus"));
        assertEquals(Duration.ZERO, removals.remaining("standup", "olga"));
        assertEquals(Duration.ZERO, removals.remaining("retro", "gus"));
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        assertEquals(Duration.ofMinutes(1), removals.remaining("standup", "gus"));
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertEquals(Duration.ZERO, removals.remaining("standup", "gus"));
    }

    @Test
    void withoutAnIdentityThereIsNothingToKeepOut() {
        removals.remove("standup", null);
        assertEquals(Duration.ZERO, removals.remaining("standup", null));
    }

    @Test
    void aSecondRemovalRestartsTheBan() {
        removals.remove("standup", "gus");
        now.addAndGet(Duration.ofMinutes(8).toNanos());
        removals.remove("standup", "gus");
        assertEquals(Duration.ofMinutes(10), removals.remaining("standup", "gus"));
    }
}
