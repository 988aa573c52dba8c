package dev.vireo.signaling;

import dev.vireo.sfu.NegotiationException;
import dev.vireo.sfu.ParticipantListener;
import dev.vireo.sfu.SfuStats;
import java.util.function.Consumer;

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

    /**
     * Adds a receive-only viewer that made its own offer (WHEP) to a room.
     *
     * @param publisherId the participant to watch, or null for the room's first publisher
     * @param onClosed    hears why when the media plane ends the viewer
     * @throws NegotiationException when the offer does not fit, or this media plane has no viewers
     */
    default ViewerMedia watch(String roomId, String viewerId, String offerSdp, String publisherId,
                              Consumer<String> onClosed) throws NegotiationException {
        throw new NegotiationException("this media plane does not serve viewers");
    }

    /** What a room has now: who publishes, bytes received from them, viewers that offered themselves. */
    default RoomMedia roomMedia(String roomId) {
        return RoomMedia.NONE;
    }

    /** Rooms and participants now. */
    SfuStats stats();

    /** Closes every participant and the media port. */
    @Override
    void close();
}
