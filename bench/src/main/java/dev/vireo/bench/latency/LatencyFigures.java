package dev.vireo.bench.latency;

import java.util.Arrays;
import java.util.List;

/**
 * The figures of one transport's latency samples, pooled over every round of a run: nearest-rank p50 and p95 (as
 * the harness page computes them), max, and how many frames did not decode.
 *
 * @param samples        decoded frames
 * @param decodeFailures frames whose barcode did not check out
 */
public record LatencyFigures(int samples, long decodeFailures, double p50, double p95, double max, double mean) {

    public static LatencyFigures of(List<Double> latenciesMs, long decodeFailures) {
        double[] sorted = latenciesMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return new LatencyFigures(0, decodeFailures, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencyFigures(sorted.length, decodeFailures, quantile(sorted, 0.50), quantile(sorted, 0.95),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(Double.NaN));
    }

    /** Nearest rank: the smallest sample with at least {@code q} of the samples at or below it. */
    static double quantile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** This p95 over {@code baseline}'s p95: 1.10 means 10% slower. */
    public double p95Ratio(LatencyFigures baseline) {
        return p95 / baseline.p95;
    }
}
