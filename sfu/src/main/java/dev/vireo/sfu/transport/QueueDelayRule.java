package dev.vireo.sfu.transport;

/**
 * Whether a media worker forwards an RTP packet or drops it, judged by how long the packet waited for the worker (its
 * sojourn time). The idea is CoDel's (RFC 8289 §3): a queue that stays above a small delay target for a whole interval
 * is a standing queue, i.e. more arrives than the worker can forward, and waiting longer only makes every packet late;
 * a queue that empties again within the interval was a burst or a scheduling stall, and is left alone.
 *
 * <ul>
 *   <li>RTP older than {@code maxDelayNanos} is always dropped (the hard bound, for any cause).</li>
 *   <li>Once every packet taken for {@code intervalNanos} waited longer than {@code targetNanos}, the rule is
 *       <em>shedding</em>: it drops every packet older than the target, so the standing queue is gone at once and what
 *       is forwarded is at most the target late.</li>
 *   <li>It stops shedding when nothing needed dropping for an interval.</li>
 * </ul>
 *
 * <p>Unlike CoDel's control law, which raises its drop rate slowly so that TCP senders back off smoothly, this drops
 * everything past the target: a publisher does not slow down because the SFU drops, so a gentle ramp would only keep
 * the delay high for seconds. A pure class with the clock passed in; one instance per worker lane, used by that lane's
 * thread only.
 */
final class QueueDelayRule {
    private final long targetNanos;
    private final long intervalNanos;
    private final long maxDelayNanos;
    private boolean above;
    private long aboveSinceNanos;
    private boolean shedding;
    private long lastDropNanos;

    /**
     * @param targetNanos   the delay a standing queue is cut back to
     * @param intervalNanos how long the delay must stay above the target before shedding starts, and how long
     *                      without a drop before it stops
     * @param maxDelayNanos RTP that waited longer is dropped in any case
     */
    QueueDelayRule(long targetNanos, long intervalNanos, long maxDelayNanos) {
        if (targetNanos <= 0 || intervalNanos <= 0 || maxDelayNanos < targetNanos) {
            throw new IllegalArgumentException("target > 0, interval > 0, max delay >= target");
        }
        this.targetNanos = targetNanos;
        this.intervalNanos = intervalNanos;
        this.maxDelayNanos = maxDelayNanos;
    }

    /** Whether the RTP packet received at {@code receivedAtNanos} and taken from the lane at {@code nowNanos} is dropped. */
    boolean drop(long receivedAtNanos, long nowNanos) {
        long sojourn = nowNanos - receivedAtNanos;
        if (sojourn > maxDelayNanos) {
            return dropped(nowNanos);
        }
        if (sojourn <= targetNanos) {
            above = false;
            if (shedding && nowNanos - lastDropNanos > intervalNanos) {
                shedding = false;
            }
            return false;
        }
        if (shedding) {
            return dropped(nowNanos);
        }
        if (!above) {
            above = true;
            aboveSinceNanos = nowNanos;
            return false;
        }
        if (nowNanos - aboveSinceNanos >= intervalNanos) {
            shedding = true;
            return dropped(nowNanos);
        }
        return false;
    }

    /** True while a standing queue is being cut back. */
    boolean shedding() {
        return shedding;
    }

    private boolean dropped(long nowNanos) {
        lastDropNanos = nowNanos;
        return true;
    }
}
