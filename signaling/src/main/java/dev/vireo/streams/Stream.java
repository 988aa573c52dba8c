package dev.vireo.streams;

import java.time.Instant;

/**
 * A broadcast an operator created: its room, where it is published and watched, and whether it has been stopped.
 * Mutable parts are guarded by the object's monitor.
 */
final class Stream {
    final String id;
    final String room;
    final String title;
    final boolean isPublic;
    final Instant createdAt;
    private Instant liveSince;
    private Instant endedAt;
    private final RateMeter bitrate = new RateMeter();

    /** @param endedAt when it was stopped, or null while it is not */
    Stream(String id, String room, String title, boolean isPublic, Instant createdAt, Instant endedAt) {
        this.id = id;
        this.room = room;
        this.title = title;
        this.isPublic = isPublic;
        this.createdAt = createdAt;
        this.endedAt = endedAt;
    }

    /** What the database keeps of it. */
    synchronized StreamStore.Row row() {
        return new StreamStore.Row(id, room, title, isPublic, createdAt, endedAt);
    }

    synchronized boolean ended() {
        return endedAt != null;
    }

    /** Marks it stopped; false if it already was. */
    synchronized boolean end(Instant now) {
        if (endedAt != null) {
            return false;
        }
        endedAt = now;
        liveSince = null;
        return true;
    }

    /**
     * Brings the live state up to date with what the media plane reports, and returns the state, start time and
     * bitrate to show.
     */
    synchronized Snapshot observe(boolean publishing, long receivedBytes, Instant now, long nowNanos) {
        if (endedAt != null) {
            return new Snapshot(StreamState.ENDED, null, 0);
        }
        if (!publishing) {
            liveSince = null;
            bitrate.reset();
            return new Snapshot(StreamState.IDLE, null, 0);
        }
        if (liveSince == null) {
            liveSince = now;
        }
        return new Snapshot(StreamState.LIVE, liveSince, bitrate.bitsPerSecond(receivedBytes, nowNanos));
    }

    record Snapshot(StreamState state, Instant liveSince, long bitrate) {
    }
}
