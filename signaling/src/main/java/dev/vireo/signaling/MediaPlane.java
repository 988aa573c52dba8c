package dev.vireo.signaling;

import dev.vireo.sfu.ParticipantListener;
import dev.vireo.sfu.SfuStats;

/**
 * What the signaling layer needs from the media plane. {@link SfuMediaPlane} puts the real {@link dev.vireo.sfu.Sfu}
 * behind it; keeping the signaling code on this small interface lets it run against any media plane.
 */
public interface MediaPlane extends AutoCloseable {
    /**
     * Adds a participant to a room (made on first use). When the id is already in that room, the new participant
     * takes over from the old one.
     */
    MediaSession addParticipant(String roomId, String participantId, ParticipantListener listener);

    /** Rooms and participants now. */
    SfuStats stats();

    /** Closes every participant and the media port. */
    @Override
    void close();
}
