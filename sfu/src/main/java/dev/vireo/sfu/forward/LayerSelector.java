package dev.vireo.sfu.forward;

/**
 * Which packets of a layered video track one subscriber gets: a spatial layer (simulcast stream) and, within it, the
 * temporal layers up to a target (VP8 L1T3: TID 0 alone is 7.5 fps, up to 1 is 15 fps, up to 2 is 30 fps).
 *
 * <p>Spatial switches happen only at a key frame of the target layer; until one arrives the current layer keeps
 * flowing, so the subscriber never waits on a frozen picture. The first picture may start at a key frame of any layer
 * up to the target, so a late joiner is not held back by a large (or paused) top layer. Temporal down-switches apply at once (a higher layer's
 * frames are never referenced by lower ones); up-switches wait for a TID 0 frame, after which every frame of the
 * higher layers references only frames the subscriber has. A pure class; the caller serialises calls.
 */
public final class LayerSelector {
    /** What to do with one packet. */
    public enum Decision {
        /** Forward it on the current layer. */
        FORWARD,
        /** It starts the key frame the switch waited for: the packet's layer is now current; forward it. */
        SWITCH,
        /** Not for this subscriber (another layer, or nothing is wanted): drop it and leave the numbering alone. */
        DROP,
        /** A frame of the current layer above the temporal target: drop it and close the gap it leaves. */
        THIN
    }

    /** No layer: the subscriber gets nothing (its tile is hidden) or nothing has been forwarded yet. */
    public static final int NONE = -1;
    /** The highest temporal layer of L1T3. */
    public static final int MAX_TEMPORAL = 2;

    private int currentSpatial = NONE;
    private int currentTemporal = MAX_TEMPORAL;
    private int targetSpatial;
    private int targetTemporal = MAX_TEMPORAL;

    /** Starts wanting the lowest layer at full frame rate: small key frames, quick first picture. */
    public LayerSelector() {
    }

    /** Sets what the allocator wants; {@code spatial} {@link #NONE} pauses the stream at once. */
    public void target(int spatial, int temporal) {
        targetSpatial = spatial;
        targetTemporal = Math.max(0, Math.min(MAX_TEMPORAL, temporal));
        if (spatial == NONE) {
            currentSpatial = NONE;
        } else if (targetTemporal < currentTemporal) {
            currentTemporal = targetTemporal;
        }
    }

    /** Forgets the current layer (new source track): the next forwarded packet must start a key frame. */
    public void reset() {
        currentSpatial = NONE;
    }

    /**
     * Decides for one packet.
     *
     * @param layer         the packet's spatial layer index (0 = lowest)
     * @param keyframeStart the packet starts a key frame
     * @param tid           its temporal layer index, -1 when the codec or stream carries none
     */
    public Decision decide(int layer, boolean keyframeStart, int tid) {
        if (targetSpatial == NONE) {
            return Decision.DROP;
        }
        if (layer != currentSpatial) {
            // Nothing on screen yet: any layer up to the target may start the picture (the lowest key frame is the
            // smallest and usually comes first); the climb to the target follows as a normal switch.
            boolean starts = currentSpatial == NONE ? layer <= targetSpatial : layer == targetSpatial;
            if (starts && keyframeStart) {
                currentSpatial = layer;
                currentTemporal = targetTemporal;
                return Decision.SWITCH;
            }
            return Decision.DROP;
        }
        if (tid < 0) {
            return Decision.FORWARD;
        }
        if (tid == 0 && currentTemporal < targetTemporal) {
            currentTemporal = targetTemporal;
        }
        return tid > currentTemporal ? Decision.THIN : Decision.FORWARD;
    }

    /** True while the target is a layer other than the one forwarded: its key frame is needed. */
    public boolean switchPending() {
        return targetSpatial != NONE && targetSpatial != currentSpatial;
    }

    public int currentSpatial() { return currentSpatial; }
    public int currentTemporal() { return currentTemporal; }
    public int targetSpatial() { return targetSpatial; }
    public int targetTemporal() { return targetTemporal; }
}
