package dev.vireo.sfu;

import dev.vireo.sfu.forward.DownlinkBudget;
import dev.vireo.bwe.DownlinkEstimate;
import dev.vireo.sfu.forward.LayerAllocator;
import dev.vireo.sfu.forward.LayerSelector;
import dev.vireo.sfu.forward.LayeredTrack;
import dev.vireo.sfu.forward.OutboundStream;
import dev.vireo.sfu.transport.MediaTransport;
import dev.vireo.sfu.transport.ProbeSender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One subscriber's video layer allocation: what its page shows (tile sizes, visibility), what its downlink carries,
 * and the {@link LayerAllocator} between them; applied to its outgoing streams as layer targets. Run periodically and
 * whenever the page reports a new layout.
 *
 * <p>With a {@link ProbeSender} (a subscriber whose streams negotiated RTX), the estimate is the budget (see
 * {@link DownlinkBudget#probedBudget}) and climbing is the probes' job: whenever the allocation wants more than the
 * budget allows, the budget its next step needs goes to the estimator's probe controller, and a probe cluster that
 * gets through raises the estimate so the next run climbs. Without one, the estimate only limits after congestion and
 * the limit's hold expiry retries the layer ({@link DownlinkBudget#budget}).
 */
final class VideoAllocation {
    /** Nominal bitrates while a layer has not been measured (paused or just started), by layer height. */
    private static final long[][] NOMINAL_BPS_BY_HEIGHT = {{180, 150_000}, {360, 500_000}, {720, 1_500_000}};
    private static final long HOLD_NANOS = 10_000_000_000L;
    private static final long MAX_HOLD_NANOS = 60_000_000_000L;

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(VideoAllocation.class.getName());

    private final String subscriber;
    private final RembEstimate remb = new RembEstimate();
    private final DownlinkBudget budget = new DownlinkBudget(HOLD_NANOS, MAX_HOLD_NANOS);
    private volatile DownlinkEstimate estimate = remb;
    private volatile ProbeSender prober;
    private volatile Map<String, VideoTile> tiles = Map.of();
    /** With last-N: the publishers whose video this subscriber receives; null = everyone's. */
    private volatile java.util.Set<String> lastN;
    /** The last decision logged: spatial layer per stream and whether the downlink limited it. */
    private String lastDecision = "";

    VideoAllocation(String subscriber) {
        this.subscriber = subscriber;
    }

    /** A REMB from the subscriber. */
    void onRemb(long bitrateBps, long nowNanos) {
        remb.onRemb(bitrateBps, nowNanos);
    }

    /**
     * Follows the downlink of the subscriber's (new) transport: its send-side estimate replaces the REMB-based one,
     * and with {@code probed} (its video can carry probes: RTX and transport-cc) a {@link ProbeSender} on that
     * transport probes it whenever the allocation wants more than it allows.
     */
    void follow(MediaTransport transport, boolean probed, ScheduledExecutorService pacer) {
        estimate = transport.downlinkEstimate();
        prober = probed ? new ProbeSender(transport.transportCc().estimator(), pacer) : null;
    }

    /** The page's latest layout, by publisher participant id. */
    void layout(Map<String, VideoTile> latest) {
        tiles = Map.copyOf(latest);
    }

    /** Last-N: only these publishers' video is forwarded (the rest get no layer); null lifts the limit. */
    void lastN(List<String> publishers) {
        lastN = publishers == null ? null : java.util.Set.copyOf(publishers);
    }

    /** Allocates and applies layer targets to the subscriber's video streams. */
    synchronized void run(List<OutboundStream> streams, long nowNanos) {
        List<LayerAllocator.Demand> demands = new ArrayList<>();
        List<OutboundStream> targets = new ArrayList<>();
        long forwarded = 0;
        Map<String, VideoTile> view = tiles;
        java.util.Set<String> lastNSet = lastN;
        for (OutboundStream stream : streams) {
            LayeredTrack track = stream.track();
            if (track == null || !stream.negotiated()) {
                continue;
            }
            String publisher = track.layer(0).publisherId();
            VideoTile tile = view.get(publisher);
            boolean shown = (tile == null || tile.visible()) && (lastNSet == null || lastNSet.contains(publisher));
            List<LayerAllocator.Layer> layers = new ArrayList<>(track.layerCount());
            for (int i = 0; i < track.layerCount(); i++) {
                layers.add(layer(track, i));
            }
            int current = stream.currentLayer();
            if (current >= 0) {
                forwarded += track.peakBitrate(current);
            }
            demands.add(new LayerAllocator.Demand(stream.mid(), tile == null ? 0 : tile.width(),
                    tile == null ? 0 : tile.height(), shown,
                    tile != null && tile.priority(), layers, current));
            targets.add(stream);
        }
        long estimateBps = estimate.bitsPerSecond();
        ProbeSender probes = prober;
        boolean probed = probes != null && targets.stream().anyMatch(OutboundStream::rtxNegotiated);
        long limit = probed ? budget.probedBudget(estimateBps, forwarded, nowNanos)
                : budget.budget(estimateBps, forwarded, nowNanos);
        List<LayerAllocator.Choice> choices = LayerAllocator.allocate(demands, limit);
        StringBuilder decision = new StringBuilder(limit == Long.MAX_VALUE ? "unlimited" : "limited");
        for (int i = 0; i < choices.size(); i++) {
            LayerAllocator.Choice c = choices.get(i);
            targets.get(i).target(c.spatial(), c.spatial() == LayerSelector.NONE ? 0 : c.temporal(), nowNanos);
            decision.append(' ').append(c.key()).append('=').append(c.spatial());
            if (c.spatial() != LayerSelector.NONE) {
                decision.append('/').append(c.temporal());
            }
        }
        if (probed) {
            probe(probes, targets, demands, limit, estimateBps, nowNanos);
        }
        // Logged on change only: a layer move or the downlink starting or ceasing to limit is worth a line.
        String now = decision.toString();
        if (!now.equals(lastDecision)) {
            lastDecision = now;
            long forwardedKbps = forwarded / 1000;
            LOG.info(() -> subscriber + ": downlink estimate " + estimateBps / 1000 + " kbit/s, forwarding "
                    + forwardedKbps + " kbit/s, layers " + now);
        }
    }

    /** Asks for a probe when the allocation wants more than {@code limit}; it goes out on a stream with RTX. */
    private void probe(ProbeSender probes, List<OutboundStream> targets, List<LayerAllocator.Demand> demands,
                       long limit, long estimateBps, long nowNanos) {
        OutboundStream carrier = null;
        for (OutboundStream stream : targets) {
            if (stream.canCarryProbes()) {
                carrier = stream;
                break;
            }
        }
        if (carrier == null) {
            return; // nothing flows yet: the start-up probes wait for media
        }
        long wanted = LayerAllocator.nextStepBudget(demands, limit);
        long target = probes.maybeProbe(carrier, wanted, nowNanos);
        if (target > 0) {
            LOG.info(() -> subscriber + ": probe at " + target / 1000 + " kbit/s (estimate " + estimateBps / 1000
                    + " kbit/s, next step needs " + wanted / 1000 + " kbit/s)");
        }
    }

    /**
     * A layer's size and bitrate: measured where known (the peak of the last seconds, see
     * {@link LayeredTrack#peakBitrate}), else what a 3-layer 720p simulcast nominally sends.
     */
    private static LayerAllocator.Layer layer(LayeredTrack track, int index) {
        int n = track.layerCount();
        int width = track.layer(index).frameWidth();
        int height = track.layer(index).frameHeight();
        if (width <= 0) {
            width = 1280 >> (n - 1 - index);
            height = 720 >> (n - 1 - index);
        }
        long bps = track.peakBitrate(index);
        if (bps <= 0) {
            bps = NOMINAL_BPS_BY_HEIGHT[NOMINAL_BPS_BY_HEIGHT.length - 1][1];
            for (long[] row : NOMINAL_BPS_BY_HEIGHT) {
                if (height <= row[0]) {
                    bps = row[1];
                    break;
                }
            }
        }
        return new LayerAllocator.Layer(width, height, bps);
    }
}
