package dev.vireo.sfu.forward;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses, for one subscriber, the layer of every video track it receives, given what it shows and what its downlink
 * carries.
 *
 * <p>Order: tracks the subscriber marks as priority (active speaker, screen share) first, then by tile area,
 * largest first. Hidden tiles get nothing. Every visible track first gets the lowest layer at the lowest frame rate,
 * in that order, while the budget lasts (the first one always, so something keeps playing); then each gets full
 * frame rate; then each climbs spatial layers toward the smallest one that covers its tile, one layer at a time,
 * skipping a climb the budget cannot pay for. A pure class.
 */
public final class LayerAllocator {
    /**
     * Share of a layer's bitrate carried by temporal layers up to TID 0, 1, 2 (libwebrtc's L1T3 split: 40/20/40 %).
     */
    private static final double[] TEMPORAL_SHARE = {0.4, 0.6, 1.0};

    /** One spatial layer as the publisher sends it. */
    public record Layer(int width, int height, long bitrateBps) {
    }

    /**
     * One track the subscriber receives.
     *
     * @param key      identifies the track in the result
     * @param width    rendered width of its tile in device pixels (0 when unknown: wants the best layer)
     * @param height   rendered height of its tile in device pixels
     * @param visible  false when the tile is off screen or hidden: the track gets nothing
     * @param priority active speaker or screen share: served before the rest
     * @param layers   the track's spatial layers, lowest first
     * @param current  the spatial layer forwarded now, {@link LayerSelector#NONE} when none
     */
    public record Demand(String key, int width, int height, boolean visible, boolean priority, List<Layer> layers,
                         int current) {
        public Demand {
            layers = List.copyOf(layers);
        }

        /** A track nothing is forwarded for yet. */
        public Demand(String key, int width, int height, boolean visible, boolean priority, List<Layer> layers) {
            this(key, width, height, visible, priority, layers, LayerSelector.NONE);
        }

        /** The smallest layer whose width or height covers the tile; the top layer when none does or size is unknown. */
        int idealLayer() {
            if (width <= 0 && height <= 0) {
                return layers.size() - 1;
            }
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                if (l.width() >= width || l.height() >= height) {
                    return i;
                }
            }
            return layers.size() - 1;
        }
    }

    /** The layer chosen for a track: {@link LayerSelector#NONE} spatial when it gets nothing. */
    public record Choice(String key, int spatial, int temporal, long bitrateBps) {
    }

    private static final long STEP_RESOLUTION_BPS = 1_000;

    private LayerAllocator() {
    }

    /**
     * @param budgetBps what the subscriber's downlink carries; {@link Long#MAX_VALUE} when unknown (no limit)
     * @return one choice per demand, in the demands' order
     */
    public static List<Choice> allocate(List<Demand> demands, long budgetBps) {
        int n = demands.size();
        int[] spatial = new int[n];
        int[] temporal = new int[n];
        java.util.Arrays.fill(spatial, LayerSelector.NONE);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (demands.get(i).visible() && !demands.get(i).layers().isEmpty()) {
                order.add(i);
            }
        }
        order.sort(Comparator.<Integer>comparingInt(i -> demands.get(i).priority() ? 0 : 1)
                .thenComparingLong(i -> -(long) demands.get(i).width() * demands.get(i).height()));
        long left = budgetBps;
        boolean first = true;
        for (int i : order) {
            long cost = rate(demands.get(i), 0, 0);
            if (cost > left && !first) {
                break;
            }
            spatial[i] = 0;
            temporal[i] = 0;
            left -= cost;
            first = false;
        }
        for (int i : order) {
            if (spatial[i] < 0) {
                continue;
            }
            long extra = rate(demands.get(i), 0, LayerSelector.MAX_TEMPORAL) - rate(demands.get(i), 0, 0);
            if (extra <= left) {
                temporal[i] = LayerSelector.MAX_TEMPORAL;
                left -= extra;
            }
        }
        for (int i : order) {
            Demand d = demands.get(i);
            if (spatial[i] < 0 || temporal[i] != LayerSelector.MAX_TEMPORAL) {
                continue;
            }
            int ideal = d.idealLayer();
            while (spatial[i] < ideal) {
                long extra = rate(d, spatial[i] + 1, LayerSelector.MAX_TEMPORAL) - rate(d, spatial[i], temporal[i]);
                if (!affordable(extra, left, spatial[i] + 1 <= d.current())) {
                    break;
                }
                spatial[i]++;
                left -= extra;
            }
        }
        List<Choice> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Demand d = demands.get(i);
            out.add(spatial[i] < 0 ? new Choice(d.key(), LayerSelector.NONE, 0, 0)
                    : new Choice(d.key(), spatial[i], temporal[i], rate(d, spatial[i], temporal[i])));
        }
        return out;
    }

    /**
     * The smallest budget above {@code budgetBps} at which {@link #allocate} gives some track more (a higher spatial
     * layer, or a higher frame rate) than it gets at {@code budgetBps}: what a bandwidth probe must prove for the next
     * step up, headroom included. 0 when nothing more is wanted (every visible track has its ideal layer at full
     * frame rate) or the budget is unlimited. Found by bisection to within {@link #STEP_RESOLUTION_BPS}.
     */
    public static long nextStepBudget(List<Demand> demands, long budgetBps) {
        if (budgetBps == Long.MAX_VALUE) {
            return 0;
        }
        List<Choice> now = allocate(demands, budgetBps);
        if (!more(allocate(demands, Long.MAX_VALUE), now)) {
            return 0;
        }
        long lo = Math.max(0, budgetBps);
        long hi = Math.max(2 * lo, 100_000);
        while (!more(allocate(demands, hi), now)) {
            if (hi > 1L << 40) {
                return 0;
            }
            lo = hi;
            hi *= 2;
        }
        while (hi - lo > STEP_RESOLUTION_BPS) {
            long mid = lo + (hi - lo) / 2;
            if (more(allocate(demands, mid), now)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** True when {@code a} gives some track a higher layer or frame rate than {@code b}. */
    private static boolean more(List<Choice> a, List<Choice> b) {
        for (int i = 0; i < a.size(); i++) {
            Choice x = a.get(i);
            Choice y = b.get(i);
            if (x.spatial() > y.spatial() || (x.spatial() == y.spatial() && x.temporal() > y.temporal())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a step up fits: climbing above the layer forwarded now needs 25% headroom, keeping it tolerates 25% over.
     * A layer's measured rate swings with its key frames; without the gap between the two, an estimate near a layer's
     * rate flips the choice every run, and every flip costs a key frame and a freeze.
     */
    private static boolean affordable(long extra, long left, boolean keeping) {
        if (left == Long.MAX_VALUE) {
            return true;
        }
        return keeping ? extra * 4 / 5 <= left : extra * 5 / 4 <= left;
    }

    private static long rate(Demand d, int spatial, int temporal) {
        return (long) (d.layers().get(spatial).bitrateBps() * TEMPORAL_SHARE[temporal]);
    }
}
