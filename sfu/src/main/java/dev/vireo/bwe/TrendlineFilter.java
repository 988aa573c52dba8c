package dev.vireo.bwe;

/**
 * The arrival-time filter of the delay-based controller: the slope of the accumulated one-way delay variation over
 * the last {@code window} packet groups, by least squares on exponentially smoothed samples. A growing queue at
 * the bottleneck makes each group arrive a little later than it was sent relative to the previous one, so the slope
 * turns positive. This is the trendline estimator libwebrtc replaced the draft's Kalman filter with
 * (draft-ietf-rmcat-gcc-02 §5.3 describes the quantity estimated: the inter-group delay variation d(i)).
 *
 * <p>A pure class; times in milliseconds.
 */
public final class TrendlineFilter {
    private static final double SMOOTHING = 0.9;
    private static final double THRESHOLD_GAIN = 4.0;
    private static final int MAX_DELTAS = 60;

    private final int window;
    private final double[] xs;
    private final double[] ys;
    private int size;
    private int head;
    private int deltas;
    private double accumulated;
    private double smoothed;
    private double firstArrivalMs = Double.NaN;
    private double trend;

    public TrendlineFilter(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be at least 2");
        }
        this.window = window;
        this.xs = new double[window];
        this.ys = new double[window];
    }

    /**
     * Adds one group's deltas and returns the modified trend (slope x min(deltas, 60) x 4, in ms), which the
     * {@link OveruseDetector} compares with its threshold; 0 until the window is full.
     */
    public double update(double arrivalDeltaMs, double sendDeltaMs, double arrivalMs) {
        double delta = arrivalDeltaMs - sendDeltaMs;
        deltas = Math.min(deltas + 1, 1000);
        if (Double.isNaN(firstArrivalMs)) {
            firstArrivalMs = arrivalMs;
        }
        accumulated += delta;
        smoothed = SMOOTHING * smoothed + (1 - SMOOTHING) * accumulated;
        xs[head] = arrivalMs - firstArrivalMs;
        ys[head] = smoothed;
        head = (head + 1) % window;
        size = Math.min(size + 1, window);
        if (size == window) {
            trend = slope();
        }
        return modifiedTrend();
    }

    /** The last slope scaled as the detector expects. */
    public double modifiedTrend() {
        return Math.min(deltas, MAX_DELTAS) * trend * THRESHOLD_GAIN;
    }

    /** The raw slope (ms of delay per ms of time). */
    public double trend() {
        return trend;
    }

    public int deltas() {
        return deltas;
    }

    private double slope() {
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < size; i++) {
            meanX += xs[i];
            meanY += ys[i];
        }
        meanX /= size;
        meanY /= size;
        double num = 0;
        double den = 0;
        for (int i = 0; i < size; i++) {
            num += (xs[i] - meanX) * (ys[i] - meanY);
            den += (xs[i] - meanX) * (xs[i] - meanX);
        }
        return den == 0 ? trend : num / den;
    }
}
