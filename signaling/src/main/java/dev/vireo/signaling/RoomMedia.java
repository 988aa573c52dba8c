package dev.vireo.signaling;

import java.util.List;

/**
 * A room as the media plane sees it now.
 *
 * @param publishers    ids of the participants that publish, in join order
 * @param receivedBytes RTP bytes received from them so far (a counter: rates come from two readings)
 * @param viewers       receive-only viewers that made their own offer (WHEP)
 */
public record RoomMedia(List<String> publishers, long receivedBytes, int viewers) {
    public static final RoomMedia NONE = new RoomMedia(List.of(), 0, 0);

    public RoomMedia {
        publishers = List.copyOf(publishers);
    }
}
