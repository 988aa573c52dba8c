package dev.vireo.bwe;

/**
 * The downlink estimate of one subscriber transport, in the spirit of Google Congestion Control
 * (draft-ietf-rmcat-gcc-02) run at the sender from transport-cc feedback, as libwebrtc does:
 * <ul>
 *   <li>delay-based: packets are grouped into 5 ms send bursts (§5.2); the inter-group delay variation feeds a
 *       {@link TrendlineFilter}, whose slope an {@link OveruseDetector} judges, which drives an
 *       {@link AimdRateController};</li>
 *   <li>loss-based: the {@link LossBasedController} (§6);</li>
 *   <li>probing: a {@link ProbeController} asks for padding clusters; a cluster that arrived about as fast as it
 *       was sent raises both controllers to that rate (see {@link #evaluateProbes});</li>
 *   <li>REMB from the receiver, when it sends one, caps the result (§4's receiver-side estimate).</li>
 * </ul>
 * The estimate is the minimum of the delay-based, loss-based and REMB values.
 *
 * <p>A pure class with an injected clock; the methods are synchronized because feedback arrives on the transport's
 * receive thread and {@link #bitsPerSecond()} is read by whoever allocates.
 */
public final class BandwidthEstimator implements DownlinkEstimate {
    /** Limits and start value. */
    public record Settings(long initialBps, long minBps, long maxBps) {
        public Settings {
            if (minBps <= 0 || minBps > initialBps || initialBps > maxBps) {
                throw new IllegalArgumentException("need 0 < min <= initial <= max");
            }
        }
    }

    public static Settings defaults() {
        return new Settings(1_000_000, 50_000, 20_000_000);
    }

    private static final long BURST_NANOS = 5_000_000L;
    private static final long REMB_TIMEOUT_NANOS = 3_000_000_000L;
    private static final int CLUSTERS = 8;
    private static final int MIN_PROBE_PACKETS = 5;
    /**
     * A cluster received slower than this share of its send rate met a bottleneck: its arrival rate is what the
     * bottleneck let through plus whatever a queue or a shaper's token bucket absorbed of its head, so it proves
     * nothing (libwebrtc's ProbeBitrateEstimator uses the same 0.9 for "saturated").
     */
    private static final double UNSATURATED = 0.9;

    private final TrendlineFilter trendline = new TrendlineFilter(20);
    private final OveruseDetector detector = new OveruseDetector();
    private final AckedBitrate acked = new AckedBitrate(500_000, 2048);
    private final AimdRateController delayBased;
    private final LossBasedController lossBased;
    private final ProbeController prober;
    private BandwidthUsage usage = BandwidthUsage.NORMAL;

    // The current and the previous send-time group.
    private boolean inGroup;
    private long groupFirstSend;
    private long groupLastSend;
    private long groupLastArrival;
    private boolean hasPrevious;
    private long previousLastSend;
    private long previousLastArrival;

    // Probe clusters in flight, by id modulo CLUSTERS.
    private final int[] clusterIds = new int[CLUSTERS];
    private final long[] clusterTargetBps = new long[CLUSTERS];
    private final int[] clusterSent = new int[CLUSTERS];
    private final int[] clusterReceived = new int[CLUSTERS];
    private final int[] clusterReported = new int[CLUSTERS];
    private final long[] clusterBytes = new long[CLUSTERS];
    private final long[] clusterFirstSize = new long[CLUSTERS];
    private final long[] clusterFirstSend = new long[CLUSTERS];
    private final long[] clusterLastSend = new long[CLUSTERS];
    private final long[] clusterLastSendSize = new long[CLUSTERS];
    private final long[] clusterFirstArrival = new long[CLUSTERS];
    private final long[] clusterLastArrival = new long[CLUSTERS];
    private int nextCluster;

    private long rembBps = -1;
    private long rembAtNanos;
    private volatile long estimate;

    public BandwidthEstimator(Settings settings) {
        delayBased = new AimdRateController(settings.initialBps(), settings.minBps(), settings.maxBps());
        lossBased = new LossBasedController(settings.initialBps(), settings.minBps(), settings.maxBps());
        prober = new ProbeController(settings.initialBps(), settings.maxBps());
        java.util.Arrays.fill(clusterIds, -1);
        estimate = settings.initialBps();
    }

    @Override
    public long bitsPerSecond() {
        return estimate;
    }

    /** Takes one feedback message's packets (in transport-wide sequence order). */
    public synchronized void onFeedback(PacketFeedback fb, long nowNanos) {
        int lost = 0;
        for (int i = 0; i < fb.count; i++) {
            long arrival = fb.arrivalMicros[i];
            onClusterPacket(fb.clusters[i], fb.sendNanos[i], arrival, fb.sizes[i]);
            if (arrival == PacketFeedback.NOT_RECEIVED) {
                lost++;
                continue;
            }
            acked.onPacket(arrival, fb.sizes[i]);
            if (fb.clusters[i] < 0) {
                group(fb.sendNanos[i], arrival * 1000, nowNanos);
            }
        }
        long ackedBps = acked.bitsPerSecond();
        delayBased.update(usage, ackedBps, nowNanos);
        lossBased.update(lost, fb.count, ackedBps, nowNanos);
        evaluateProbes();
        publish(nowNanos);
    }

    /** Inter-arrival grouping (§5.2): one delta per completed 5 ms send burst. */
    private void group(long send, long arrivalNanos, long nowNanos) {
        if (!inGroup) {
            startGroup(send, arrivalNanos);
            return;
        }
        if (send - groupFirstSend <= BURST_NANOS && send >= groupFirstSend) {
            groupLastSend = Math.max(groupLastSend, send);
            groupLastArrival = Math.max(groupLastArrival, arrivalNanos);
            return;
        }
        if (send < groupFirstSend || arrivalNanos < groupLastArrival) {
            return; // reordered: belongs to an older group
        }
        if (hasPrevious) {
            double sendDeltaMs = (groupLastSend - previousLastSend) / 1e6;
            double arrivalDeltaMs = (groupLastArrival - previousLastArrival) / 1e6;
            trendline.update(arrivalDeltaMs, sendDeltaMs, groupLastArrival / 1e6);
            usage = detector.detect(trendline.modifiedTrend(), trendline.trend(), sendDeltaMs, trendline.deltas(),
                    nowNanos / 1e6);
        }
        hasPrevious = true;
        previousLastSend = groupLastSend;
        previousLastArrival = groupLastArrival;
        startGroup(send, arrivalNanos);
    }

    private void startGroup(long send, long arrivalNanos) {
        inGroup = true;
        groupFirstSend = send;
        groupLastSend = send;
        groupLastArrival = arrivalNanos;
    }

    /** A REMB from the receiver (its own estimate); it caps ours for a few seconds. */
    public synchronized void onRemb(long bps, long nowNanos) {
        rembBps = bps;
        rembAtNanos = nowNanos;
        publish(nowNanos);
    }

    /**
     * Whether to probe now: the rate to send a padding cluster at, or 0 (see {@link ProbeController#poll}). Call
     * only when a probe can go out; send it under an id from {@link #newCluster}, then call {@link #onProbeSent}.
     *
     * @param wantedBps the budget the layer allocation's next step up needs, 0 when it wants nothing more
     */
    public synchronized long probeTarget(long wantedBps, long nowNanos) {
        return prober.poll(estimate, wantedBps, nowNanos);
    }

    /** A fresh cluster id for packets sent at {@code targetBps}. */
    public synchronized int newCluster(long targetBps) {
        int id = nextCluster++ & Integer.MAX_VALUE;
        int slot = id % CLUSTERS;
        clusterIds[slot] = id;
        clusterTargetBps[slot] = targetBps;
        clusterSent[slot] = 0;
        clusterReceived[slot] = 0;
        clusterReported[slot] = 0;
        clusterBytes[slot] = 0;
        clusterFirstArrival[slot] = Long.MAX_VALUE;
        clusterLastArrival[slot] = Long.MIN_VALUE;
        clusterFirstSend[slot] = Long.MAX_VALUE;
        clusterLastSend[slot] = Long.MIN_VALUE;
        return id;
    }

    /** How many packets the cluster had (0 drops it). */
    public synchronized void onProbeSent(int cluster, int packets, long nowNanos) {
        int slot = cluster % CLUSTERS;
        if (clusterIds[slot] != cluster) {
            return;
        }
        if (packets == 0) {
            clusterIds[slot] = -1;
            return;
        }
        clusterSent[slot] = packets;
        evaluateProbes();
        publish(nowNanos);
    }

    private void onClusterPacket(int cluster, long send, long arrival, int size) {
        if (cluster < 0 || clusterIds[cluster % CLUSTERS] != cluster) {
            return;
        }
        int slot = cluster % CLUSTERS;
        clusterReported[slot]++;
        if (arrival == PacketFeedback.NOT_RECEIVED) {
            return;
        }
        clusterReceived[slot]++;
        clusterBytes[slot] += size;
        if (arrival < clusterFirstArrival[slot]) {
            clusterFirstArrival[slot] = arrival;
            clusterFirstSize[slot] = size;
        }
        clusterLastArrival[slot] = Math.max(clusterLastArrival[slot], arrival);
        clusterFirstSend[slot] = Math.min(clusterFirstSend[slot], send);
        if (send >= clusterLastSend[slot]) {
            clusterLastSend[slot] = send;
            clusterLastSendSize[slot] = size;
        }
    }

    /**
     * Judges every cluster whose packets were all reported. Rates as libwebrtc measures them: sent = bytes but the
     * last packet's over the send span, received = bytes but the first packet's over the arrival span. A cluster
     * succeeds when most of it arrived (80 %, at least {@link #MIN_PROBE_PACKETS}) and it arrived at no less than
     * {@link #UNSATURATED} of its send rate; both controllers then rise to the lower of the two rates (capped at
     * the target). A failed cluster changes nothing: the controllers handle the loss and delay it caused.
     */
    private void evaluateProbes() {
        for (int slot = 0; slot < CLUSTERS; slot++) {
            if (clusterIds[slot] < 0 || clusterSent[slot] == 0 || clusterReported[slot] < clusterSent[slot]) {
                continue;
            }
            long result = probeResult(slot);
            if (result > 0) {
                delayBased.raiseTo(result);
                lossBased.raiseTo(result);
            }
            clusterIds[slot] = -1;
        }
    }

    /** What a fully reported cluster proved, 0 for nothing. */
    private long probeResult(int slot) {
        if (clusterReceived[slot] < MIN_PROBE_PACKETS || clusterReceived[slot] * 10 < clusterSent[slot] * 8) {
            return 0;
        }
        long target = clusterTargetBps[slot];
        long sendSpan = clusterLastSend[slot] - clusterFirstSend[slot];
        long arrivalSpanMicros = clusterLastArrival[slot] - clusterFirstArrival[slot];
        long sent = sendSpan <= 0 ? target
                : (clusterBytes[slot] - clusterLastSendSize[slot]) * 8_000_000_000L / sendSpan;
        long received = arrivalSpanMicros <= 0 ? sent
                : (clusterBytes[slot] - clusterFirstSize[slot]) * 8_000_000L / arrivalSpanMicros;
        if (received < UNSATURATED * sent) {
            return 0;
        }
        return Math.min(target, Math.min(sent, received));
    }

    private void publish(long nowNanos) {
        long value = Math.min(delayBased.bitrate(), lossBased.bitrate());
        if (rembBps > 0 && nowNanos - rembAtNanos < REMB_TIMEOUT_NANOS) {
            value = Math.min(value, rembBps);
        }
        estimate = value;
    }

    /** The delay detector's last verdict. */
    public synchronized BandwidthUsage usage() {
        return usage;
    }
}
