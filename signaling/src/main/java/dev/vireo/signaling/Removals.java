package dev.vireo.signaling;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Who a host removed from which room, and until when they may not come back. Someone is known by the identity their
 * access token names, so a removed guest cannot rejoin with the same link; someone who came without a token has no
 * identity to hold on to (an open room cannot keep a person out, only a connection).
 *
 * <p>Pure: the clock is injected; thread-safe.
 */
final class Removals {
    /** How long a removed identity stays out of the room. */
    static final Duration BAN = Duration.ofMinutes(10);

    private record Key(String room, String identity) {
    }

    private final LongSupplier nanoClock;
    private final long banNanos;
    private final Map<Key, Long> until = new HashMap<>();

    Removals(Duration ban, LongSupplier nanoClock) {
        this.banNanos = ban.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Keeps {@code identity} out of {@code room} from now for the ban period; nothing for a null identity. */
    synchronized void remove(String room, String identity) {
        if (identity == null) {
            return;
        }
        long now = nanoClock.getAsLong();
        purge(now);
        until.put(new Key(room, identity), now + banNanos);
    }

    /** How much longer {@code identity} stays out of {@code room}; zero when it may enter. */
    synchronized Duration remaining(String room, String identity) {
        if (identity == null) {
            return Duration.ZERO;
        }
        Long end = until.get(new Key(room, identity));
        long left = end == null ? 0 : end - nanoClock.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    private void purge(long now) {
        for (Iterator<Long> it = until.values().iterator(); it.hasNext(); ) {
            if (it.next() - now <= 0) {
                it.remove();
            }
        }
    }
}
