package dev.vireo.sfu.forward;

import static dev.vireo.sfu.forward.LayerSelector.Decision.DROP;
import static dev.vireo.sfu.forward.LayerSelector.Decision.FORWARD;
import static dev.vireo.sfu.forward.LayerSelector.Decision.SWITCH;
import static dev.vireo.sfu.forward.LayerSelector.Decision.THIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.sfu.forward.LayerSelector.Decision;
import org.junit.jupiter.api.Test;

class LayerSelectorTest {
    /** A packet (layer, starts a key frame, TID) and the decision wanted; a target row changes the target first. */
    private record Row(int layer, boolean key, int tid, Decision want, int current) {
    }

    private static Row p(int layer, boolean key, int tid, Decision want, int current) {
        return new Row(layer, key, tid, want, current);
    }

    private static void run(LayerSelector s, Row... rows) {
        for (int i = 0; i < rows.length; i++) {
            Row r = rows[i];
            assertEquals(r.want, s.decide(r.layer, r.key, r.tid), "row " + i);
            assertEquals(r.current, s.currentSpatial(), "row " + i + " current layer");
        }
    }

    @Test
    void startsOnTheLowestLayerAtItsFirstKeyframe() {
        LayerSelector s = new LayerSelector();
        run(s,
                p(0, false, 0, DROP, -1),   // delta frame before any key frame
                p(2, true, 0, DROP, -1),    // key frame of a layer nobody wants
                p(0, true, 0, SWITCH, 0),
                p(0, false, 2, FORWARD, 0),
                p(1, false, 0, DROP, 0));
    }

    @Test
    void spatialSwitchWaitsForTheTargetKeyframeAndKeepsTheCurrentLayerMeanwhile() {
        LayerSelector s = new LayerSelector();
        run(s, p(0, true, 0, SWITCH, 0));
        s.target(2, 2);
        assertTrue(s.switchPending());
        run(s,
                p(2, false, 1, DROP, 0),    // target layer, but a delta frame
                p(0, false, 2, FORWARD, 0), // current layer keeps flowing
                p(1, true, 0, DROP, 0),     // key frame of a layer that is not the target
                p(2, true, 0, SWITCH, 2),
                p(0, false, 0, DROP, 2),    // old layer's packets after the switch
                p(2, false, 2, FORWARD, 2));
        assertFalse(s.switchPending());
        s.target(0, 2);                     // and back down: again only at a key frame
        run(s, p(0, false, 0, DROP, 2), p(2, false, 1, FORWARD, 2), p(0, true, 0, SWITCH, 0));
    }

    @Test
    void temporalThinningDropsAtOnceAndClimbsBackAtABaseLayerFrame() {
        LayerSelector s = new LayerSelector();
        run(s, p(0, true, 0, SWITCH, 0));
        s.target(0, 0);                     // 7.5 fps: TID 0 only
        run(s, p(0, false, 2, THIN, 0), p(0, false, 1, THIN, 0), p(0, false, 0, FORWARD, 0));
        s.target(0, 1);                     // 15 fps: wait for TID 0 before taking TID 1 frames
        run(s, p(0, false, 2, THIN, 0), p(0, false, 1, THIN, 0), p(0, false, 0, FORWARD, 0),
                p(0, false, 2, THIN, 0), p(0, false, 1, FORWARD, 0));
        s.target(0, 2);
        run(s, p(0, false, 2, THIN, 0), p(0, false, 0, FORWARD, 0), p(0, false, 2, FORWARD, 0));
        run(s, p(0, false, -1, FORWARD, 0)); // no temporal information (H.264): always forwarded
    }

    @Test
    void noTargetPausesAndResumingNeedsAKeyframe() {
        LayerSelector s = new LayerSelector();
        run(s, p(0, true, 0, SWITCH, 0));
        s.target(LayerSelector.NONE, 0);
        assertFalse(s.switchPending());
        run(s, p(0, false, 0, DROP, -1), p(0, true, 0, DROP, -1));
        s.target(1, 2);
        run(s, p(1, false, 0, DROP, -1), p(1, true, 0, SWITCH, 1));
    }

    @Test
    void theFirstPictureMayStartOnAnyLayerUpToTheTargetThenClimbs() {
        LayerSelector s = new LayerSelector();
        s.target(1, 2);
        run(s,
                p(2, true, 0, DROP, -1),    // above the target: never
                p(1, false, 0, DROP, -1),
                p(0, true, 0, SWITCH, 0),   // the lowest key frame came first: start there
                p(0, false, 1, FORWARD, 0),
                p(1, true, 0, SWITCH, 1),   // then the climb, at the target's key frame
                p(0, false, 0, DROP, 1));
        assertFalse(s.switchPending());
    }
}
