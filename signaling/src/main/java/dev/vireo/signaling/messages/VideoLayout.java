package dev.vireo.signaling.messages;

import java.util.List;

/**
 * {@code {"type":"video-layout","tiles":[{"participantId":"p1","width":320,"height":180,"visible":true}]}}: how the
 * client shows the others' video, so the server sends each the layer that fits. {@code width}/{@code height} are the
 * tile's rendered size in device pixels; a tile with {@code visible:false} (scrolled out of view, hidden) receives no
 * video; {@code priority:true} (optional) marks the speaker or screen-share tile, served first when bandwidth is
 * short. Participants the message leaves out are treated as visible at unknown size (they get the best layer).
 */
public record VideoLayout(List<Tile> tiles) implements ClientMessage {
    public static final String TYPE = "video-layout";
    /** At most this many tiles per message. */
    public static final int MAX_TILES = 256;
    /** Largest accepted width or height. */
    public static final int MAX_SIZE = 16384;

    public VideoLayout {
        tiles = List.copyOf(tiles);
    }

    /** One tile. */
    public record Tile(String participantId, int width, int height, boolean visible, boolean priority) {
    }

    @Override
    public String type() {
        return TYPE;
    }
}
