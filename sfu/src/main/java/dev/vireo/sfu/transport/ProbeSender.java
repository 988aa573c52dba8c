package dev.vireo.sfu.transport;

import dev.vireo.bwe.BandwidthEstimator;
import dev.vireo.bwe.ProbeController;
import dev.vireo.sfu.forward.OutboundStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends the probe clusters a subscriber transport's {@link BandwidthEstimator} asks for: padding-only RTP packets on
 * the RTX SSRC of one of its video streams ({@link OutboundStream#sendProbePadding}), each stamped with the cluster
 * id, paced at the cluster's target rate over 40-250 ms (see {@link ProbeController#clusterPackets}). The receiver's
 * depacketizer discards them (RFC 3550 §5.1 padding, no RTX payload), its transport-cc feedback reports them, and the
 * estimator rises only if they arrived as fast as they left.
 *
 * <p>Pacing runs on the SFU's pacer thread: one step per millisecond or so sends the packets that are due
 * ({@link ProbePacing}: a late step catches up in a bounded burst), so a cluster takes a few dozen short tasks and
 * never blocks the thread. One cluster at a time per transport; packets come from the transport's pool.
 */
public final class ProbeSender {
    /** The bytes a padding probe puts on the wire before SRTP: 12-byte header, transport-cc element, padding. */
    public static final int PROBE_PACKET_BYTES = 12 + 8 + OutboundStream.PROBE_PADDING;

    private final BandwidthEstimator estimator;
    private final ScheduledExecutorService pacer;
    private final Runnable step = this::step;
    // The cluster in flight; guarded by this.
    private OutboundStream carrier;
    private int cluster;
    private ProbePacing pacing;

    /** @param estimator the estimator of the transport the carrier streams send on */
    public ProbeSender(BandwidthEstimator estimator, ScheduledExecutorService pacer) {
        this.estimator = estimator;
        this.pacer = pacer;
    }

    /**
     * Asks the estimator whether to probe now and, if so, starts a cluster through {@code via} (a video stream of
     * this transport that has RTX negotiated and has sent media). Does nothing while a cluster is in flight.
     *
     * @param wantedBps the budget the allocation's next step up needs, 0 when it wants nothing more
     * @return the cluster's target rate, 0 when none started
     */
    public synchronized long maybeProbe(OutboundStream via, long wantedBps, long nowNanos) {
        if (carrier != null) {
            return 0;
        }
        long target = estimator.probeTarget(wantedBps, nowNanos);
        if (target <= 0) {
            return 0;
        }
        carrier = via;
        cluster = estimator.newCluster(target);
        pacing = new ProbePacing(ProbeController.clusterPackets(target, estimator.bitsPerSecond(), PROBE_PACKET_BYTES),
                ProbeController.packetIntervalNanos(target, PROBE_PACKET_BYTES),
                ProbeController.maxBurstPackets(PROBE_PACKET_BYTES));
        pacer.execute(step);
        return target;
    }

    /** Sends what is due, then waits for the next packet's time (at least a millisecond: a few packets per step). */
    private synchronized void step() {
        if (carrier == null) {
            return;
        }
        long now = System.nanoTime();
        for (int due = pacing.due(now); due > 0; due--) {
            if (!carrier.sendProbePadding(cluster)) {
                pacing.truncate(); // the stream stopped: what went out is the cluster
                break;
            }
            pacing.sent(1);
        }
        if (pacing.done()) {
            estimator.onProbeSent(cluster, pacing.sent(), now);
            carrier = null;
            return;
        }
        pacer.schedule(step, pacing.nanosToNextStep(now), TimeUnit.NANOSECONDS);
    }
}
