package dev.vireo.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.sfu.forward.LayerAllocator.Demand;
import dev.vireo.sfu.forward.LayerAllocator.Layer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerAllocatorTest {
    private static final List<Layer> THREE = List.of(new Layer(320, 180, 150_000), new Layer(640, 360, 500_000),
            new Layer(1280, 720, 1_500_000));
    private static final long UNLIMITED = Long.MAX_VALUE;

    private static Demand tile(String key, int width, int height) {
        return new Demand(key, width, height, true, false, THREE);
    }

    /** "spatial/temporal" per demand, "-" for nothing. */
    private static String run(long budget, Demand... demands) {
        List<String> out = new ArrayList<>();
        for (LayerAllocator.Choice c : LayerAllocator.allocate(List.of(demands), budget)) {
            out.add(c.spatial() < 0 ? "-" : c.spatial() + "/" + c.temporal());
        }
        return String.join(" ", out);
    }

    @Test
    void tileSizePicksTheSmallestLayerThatCoversIt() {
        record Case(int width, int height, String want) {}
        for (Case c : List.of(
                new Case(240, 135, "0/2"),
                new Case(320, 180, "0/2"),
                new Case(321, 181, "1/2"),
                new Case(640, 360, "1/2"),
                new Case(1200, 675, "2/2"),
                new Case(2560, 1440, "2/2"),   // larger than any layer: the top one
                new Case(0, 0, "2/2"))) {      // size unknown (no layout yet): the best
            assertEquals(c.want, run(UNLIMITED, tile("a", c.width, c.height)), c.toString());
        }
    }

    @Test
    void hiddenTilesGetNothing() {
        assertEquals("- 2/2", run(UNLIMITED, new Demand("a", 1280, 720, false, false, THREE), tile("b", 1280, 720)));
    }

    @Test
    void budgetServesEveryoneLowFirstThenTheLargestTilesClimb() {
        record Case(long budget, String want) {}
        for (Case c : List.of(
                new Case(3_500_000, "0/2 2/2"),     // the small tile needs no more than the lowest layer
                new Case(1_900_000, "0/2 2/2"),     // a climb needs 25% headroom over the step's cost
                new Case(1_850_000, "0/2 1/2"),     // the big tile climbs as far as the budget allows
                new Case(750_000, "0/2 1/2"),
                new Case(700_000, "0/2 0/2"),
                new Case(300_000, "0/2 0/2"),
                new Case(200_000, "0/0 0/0"),       // frame rate goes before anyone loses video
                new Case(100_000, "- 0/0"),         // only the largest tile keeps a picture
                new Case(10_000, "- 0/0"))) {       // however little, the first keeps playing
            assertEquals(c.want, run(c.budget, tile("a", 320, 180), tile("b", 1280, 720)), "budget " + c.budget);
        }
    }

    /** Climbing needs headroom, keeping a layer tolerates some overshoot: an estimate near a layer's rate is stable. */
    @Test
    void theLayerForwardedNowIsKeptWhereAClimbToItWouldNotBeTaken() {
        record Case(long budget, int current, String want) {}
        for (Case c : List.of(
                new Case(1_700_000, LayerSelector.NONE, "1/2"), // 1.5M needs 1.25 x 1.0M more than the 360p layer
                new Case(1_700_000, 1, "1/2"),
                new Case(1_700_000, 2, "2/2"),                  // already at 720p: 0.8 x the step fits, so it stays
                new Case(1_300_000, 2, "2/2"),
                new Case(1_100_000, 2, "1/2"),                  // far below: down it goes
                new Case(600_000, 1, "1/2"),                    // at 360p: stays while 0.8 x 350k fits
                new Case(480_000, 1, "1/2"),
                new Case(400_000, 1, "0/2"),
                new Case(480_000, LayerSelector.NONE, "0/2"))) { // from nothing, 480k is not enough headroom
            Demand d = new Demand("a", 1280, 720, true, false, THREE, c.current);
            assertEquals(c.want, run(c.budget, d), c.toString());
        }
    }

    @Test
    void priorityTilesAreServedBeforeLargerOnes() {
        Demand speaker = new Demand("s", 320, 180, true, true, THREE);
        assertEquals("- 0/0", run(100_000, tile("big", 1280, 720), speaker));
        Demand screen = new Demand("s", 1280, 720, true, true, THREE);
        assertEquals("0/2 2/2", run(2_000_000, tile("big", 1280, 720), screen));
    }

    @Test
    void singleLayerTracksGetTheirOnlyLayerOrNothing() {
        Demand single = new Demand("h264", 320, 180, true, false, List.of(new Layer(1280, 720, 1_500_000)));
        assertEquals("0/2", run(UNLIMITED, single));
        assertEquals("-", run(UNLIMITED, new Demand("h264", 320, 180, false, false, single.layers())));
    }

    /** What a probe must prove for the next step up: the budget at which the allocation first gives more. */
    @Test
    void nextStepBudgetIsWhereTheAllocationFirstGivesMore() {
        record Case(long budget, int current, long threshold, String why) {}
        for (Case c : List.of(
                new Case(100_000, LayerSelector.NONE, 150_000, "full frame rate of the lowest layer"),
                new Case(150_000, LayerSelector.NONE, 587_500, "360p: 150k + 1.25 x 350k"),
                new Case(600_000, LayerSelector.NONE, 1_750_000, "720p: 500k + 1.25 x 1.0M"),
                new Case(600_000, 1, 1_750_000, "keeping 360p changes nothing about the climb"),
                new Case(1_300_000, 2, 0, "720p kept at 1.3M: nothing more wanted"),
                new Case(2_000_000, LayerSelector.NONE, 0, "720p reached"),
                new Case(UNLIMITED, LayerSelector.NONE, 0, "no limit, nothing to prove"))) {
            long got = LayerAllocator.nextStepBudget(List.of(new Demand("a", 1280, 720, true, false, THREE,
                    c.current)), c.budget);
            if (c.threshold == 0) {
                assertEquals(0, got, c.toString());
            } else {
                assertTrue(got >= c.threshold && got <= c.threshold + 1_000, c + ": " + got);
            }
        }
        assertEquals(0, LayerAllocator.nextStepBudget(List.of(tile("small", 320, 180)), 200_000),
                "a small tile at its ideal layer wants nothing more");
        assertEquals(0, LayerAllocator.nextStepBudget(List.of(new Demand("a", 1280, 720, false, false, THREE)),
                100_000), "a hidden tile wants nothing");
        long two = LayerAllocator.nextStepBudget(List.of(tile("a", 320, 180), tile("b", 1280, 720)), 750_000);
        assertTrue(two >= 1_900_000 && two <= 1_901_000, "two tiles: the big one's climb to 720p: " + two);
    }
}
