package dev.vireo.bwe;

/**
 * Compares the delay trend with an adaptive threshold (draft-ietf-rmcat-gcc-02 §5.4, §5.5): over the threshold for
 * more than 10 ms and still rising is overuse, under minus the threshold is underuse. The threshold follows the
 * trend (up slowly, down faster) so that the detector is not starved by competing TCP flows, within 6..600 ms.
 *
 * <p>A pure class; times in milliseconds.
 */
public final class OveruseDetector {
    private static final double K_UP = 0.0087;
    private static final double K_DOWN = 0.039;
    private static final double OVERUSE_TIME_MS = 10;
    private static final double MAX_ADAPT_OFFSET_MS = 15;
    private static final double MIN_THRESHOLD = 6;
    private static final double MAX_THRESHOLD = 600;

    private double threshold = 12.5;
    private double timeOverUsing = -1;
    private int overuseCount;
    private double previousTrend;
    private double lastUpdateMs = Double.NaN;
    private BandwidthUsage state = BandwidthUsage.NORMAL;

    /**
     * @param modifiedTrend {@link TrendlineFilter#modifiedTrend()}
     * @param groupSendDeltaMs send-time distance of the last two groups
     * @param deltas        how many deltas the filter has seen; fewer than 2 is always normal
     */
    public BandwidthUsage detect(double modifiedTrend, double rawTrend, double groupSendDeltaMs, int deltas,
                                 double nowMs) {
        if (deltas < 2) {
            return BandwidthUsage.NORMAL;
        }
        if (modifiedTrend > threshold) {
            timeOverUsing = timeOverUsing < 0 ? groupSendDeltaMs / 2 : timeOverUsing + groupSendDeltaMs;
            overuseCount++;
            if (timeOverUsing > OVERUSE_TIME_MS && overuseCount > 1 && rawTrend >= previousTrend) {
                timeOverUsing = 0;
                overuseCount = 0;
                state = BandwidthUsage.OVERUSING;
            }
        } else if (modifiedTrend < -threshold) {
            timeOverUsing = -1;
            overuseCount = 0;
            state = BandwidthUsage.UNDERUSING;
        } else {
            timeOverUsing = -1;
            overuseCount = 0;
            state = BandwidthUsage.NORMAL;
        }
        previousTrend = rawTrend;
        adapt(modifiedTrend, nowMs);
        return state;
    }

    private void adapt(double modifiedTrend, double nowMs) {
        if (Double.isNaN(lastUpdateMs)) {
            lastUpdateMs = nowMs;
        }
        double magnitude = Math.abs(modifiedTrend);
        if (magnitude > threshold + MAX_ADAPT_OFFSET_MS) {
            // A spike (a keyframe burst, a route change): do not let it drag the threshold.
            lastUpdateMs = nowMs;
            return;
        }
        double k = magnitude < threshold ? K_DOWN : K_UP;
        double dt = Math.min(nowMs - lastUpdateMs, 100);
        threshold += k * (magnitude - threshold) * dt;
        threshold = Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold));
        lastUpdateMs = nowMs;
    }

    public double threshold() {
        return threshold;
    }

    public BandwidthUsage state() {
        return state;
    }
}
