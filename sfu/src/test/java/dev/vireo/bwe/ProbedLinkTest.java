package dev.vireo.bwe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The estimator and its probe controller on a simulated path, as an SFU drives them: media flows at the rate of the
 * layer being forwarded (not at the estimate); the allocation wants {@code wanted} for the next layer and climbs to it
 * (media at {@code high}) once the estimate reaches that, and falls back (media at {@code low}) once the estimate stays
 * under 0.75 of what flows for a second, or under half at once, as {@code DownlinkBudget.probedBudget} does; every
 * 250 ms it asks whether to probe, and probes go out as paced clusters of 275-byte padding packets. The path is a
 * token-bucket shaper ({@code tc tbf}: rate, bucket, 150 ms queue) plus 20 ms of propagation, and transport-cc
 * feedback (250 us arrival resolution) comes every 50 ms. Where the path carries the step, a probe proves it within
 * seconds and the layer holds; where it does not, the layer must stay low but for a few climbs that the back-off
 * makes rarer: a token bucket deeper than a cluster's excess over the link fools any short probe, so the bound is on
 * how often that is retried, not that it never happens.
 */
class ProbedLinkTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final int MEDIA_PACKET = 1200;
    private static final int PROBE_PACKET = 275;
    private static final long PROPAGATION_NANOS = 20 * MS;
    private static final long FEEDBACK_NANOS = 50 * MS;
    private static final long ALLOCATION_NANOS = 250 * MS;
    private static final long STEP_NANOS = 50_000L;
    private static final long DURATION = 90 * S;

    @ParameterizedTest(name = "link {0} bit/s, bucket {1} B, start {2}: {3} -> {4} bit/s needs {5}, carried {6}")
    @CsvSource({
        // an open path: the start-up probes already prove the 720p step
        "100000000, 6000, 1000000, 600000, 2500000, 3000000, true",
        // a 1.5 Mbit/s shaper: 720p never, however often probed
        "1500000, 6000, 1000000, 600000, 2500000, 3000000, false",
        "1500000, 3000, 1000000, 600000, 2500000, 3000000, false",
        "1500000, 6000, 300000, 600000, 2500000, 3000000, false",
        // the 360p step from the lowest layer, after a drop (a low estimate)
        "1500000, 6000, 300000, 150000, 700000, 900000, true",
        "100000000, 6000, 300000, 150000, 700000, 900000, true",
        // a 600 kbit/s shaper cannot carry 360p; its bucket can fool a probe whose excess over the link it holds
        "600000, 6000, 300000, 150000, 700000, 900000, false",
        "600000, 2000, 300000, 150000, 700000, 900000, false",
    })
    void probesClimbWhereThePathCarriesTheStepAndRarelyElsewhere(long linkBps, int bucketBytes, long startBps,
            long lowBps, long highBps, long wantedBps, boolean carried) {
        Result r = simulate(linkBps, bucketBytes, startBps, lowBps, highBps, wantedBps);
        System.out.printf("link %d, bucket %d, start %d, %d -> %d needs %d: %d probes, climbs at %s, falls at %s,"
                        + " %.1f s high, estimate max %d%n", linkBps, bucketBytes, startBps, lowBps, highBps,
                wantedBps, r.probes, r.climbs, r.falls, r.highNanos / 1e9, r.maxEstimate);
        if (carried) {
            assertTrue(!r.climbs.isEmpty() && r.climbs.get(0) <= 5.0, "climbed at " + r.climbs);
            assertTrue(r.falls.isEmpty(), "fell back at " + r.falls);
        } else {
            long late = r.climbs.stream().filter(t -> t >= 30.0).count();
            assertTrue(r.climbs.size() <= 6 && late <= 2, "climbs at " + r.climbs + " (the back-off should thin"
                    + " them out)");
            assertTrue(r.highNanos <= DURATION / 10, r.highNanos / 1e9 + " s on a layer the path cannot carry");
            assertTrue(r.probes >= 4, "probed only " + r.probes + " times");
        }
    }

    private record Result(int probes, long maxEstimate, List<Double> climbs, List<Double> falls, long highNanos) {
    }

    private static Result simulate(long linkBps, int bucketBytes, long startBps, long lowBps, long highBps,
                                   long wantedBps) {
        BandwidthEstimator e = new BandwidthEstimator(new BandwidthEstimator.Settings(startBps, 50_000,
                20_000_000));
        int max = 600_000;
        long[] send = new long[max];
        long[] arrival = new long[max];
        int[] size = new int[max];
        int[] cluster = new int[max];
        int sent = 0;
        int reported = 0;
        double tokens = bucketBytes;
        long tokenTime = 0;
        long lastDeparture = 0;
        long queueLimitNanos = 150 * MS;
        long nextMedia = 0;
        long nextFeedback = FEEDBACK_NANOS;
        long nextAllocation = ALLOCATION_NANOS;
        int probeCluster = -1;
        int probeCount = 0;
        int probeSent = 0;
        long probeStart = 0;
        long probeInterval = 0;
        int probes = 0;
        long maxEstimate = 0;
        boolean high = false;
        long underSince = -1;
        long highNanos = 0;
        List<Double> climbs = new ArrayList<>();
        List<Double> falls = new ArrayList<>();
        PacketFeedback fb = new PacketFeedback(8192);
        for (long now = 0; now < DURATION && sent < max - 200; now += STEP_NANOS) {
            if (high) {
                highNanos += STEP_NANOS;
            }
            while (true) {
                boolean media = nextMedia <= now;
                boolean probe = probeCluster >= 0 && probeStart + probeSent * probeInterval <= now;
                if (!media && !probe) {
                    break;
                }
                int bytes = probe ? PROBE_PACKET : MEDIA_PACKET;
                // tbf: FIFO, tokens at the link rate up to the bucket; over the queue limit the packet is dropped.
                long start = Math.max(now, lastDeparture);
                double available = Math.min(bucketBytes, tokens + (start - tokenTime) * linkBps / 8e9);
                long depart = available >= bytes ? start : start + (long) ((bytes - available) * 8e9 / linkBps);
                send[sent] = now;
                size[sent] = bytes;
                cluster[sent] = probe ? probeCluster : -1;
                if (depart - now > queueLimitNanos) {
                    arrival[sent] = PacketFeedback.NOT_RECEIVED;
                } else {
                    tokens = Math.max(0, available - bytes);
                    tokenTime = depart;
                    lastDeparture = depart;
                    arrival[sent] = depart + PROPAGATION_NANOS;
                }
                sent++;
                if (probe) {
                    if (++probeSent == probeCount) {
                        e.onProbeSent(probeCluster, probeSent, now);
                        probeCluster = -1;
                    }
                } else {
                    nextMedia += MEDIA_PACKET * 8L * S / (high ? highBps : lowBps);
                }
            }
            if (now >= nextFeedback) {
                nextFeedback += FEEDBACK_NANOS;
                fb.clear();
                int last = reported;
                while (last < sent && (arrival[last] == PacketFeedback.NOT_RECEIVED
                        ? send[last] + PROPAGATION_NANOS <= now : arrival[last] <= now)) {
                    last++;
                }
                for (int i = reported; i < last; i++) {
                    long a = arrival[i] == PacketFeedback.NOT_RECEIVED ? PacketFeedback.NOT_RECEIVED
                            : arrival[i] / 250_000 * 250;
                    fb.add(send[i], a, size[i], cluster[i]);
                }
                reported = last;
                if (fb.count() > 0) {
                    e.onFeedback(fb, now);
                }
                maxEstimate = Math.max(maxEstimate, e.bitsPerSecond());
            }
            if (now >= nextAllocation) {
                nextAllocation += ALLOCATION_NANOS;
                long estimate = e.bitsPerSecond();
                if (!high && estimate >= wantedBps) {
                    high = true;
                    underSince = -1;
                    climbs.add(now / 1e9);
                } else if (high) {
                    boolean under = estimate < 0.75 * highBps;
                    underSince = under ? (underSince < 0 ? now : underSince) : -1;
                    if (estimate < 0.5 * highBps || (under && now - underSince >= S)) {
                        high = false;
                        falls.add(now / 1e9);
                    }
                }
                if (probeCluster < 0) {
                    long target = e.probeTarget(high ? 0 : wantedBps, now);
                    if (target > 0) {
                        probeCluster = e.newCluster(target);
                        probeCount = ProbeController.clusterPackets(target, e.bitsPerSecond(), PROBE_PACKET);
                        probeInterval = ProbeController.packetIntervalNanos(target, PROBE_PACKET);
                        probeStart = now;
                        probeSent = 0;
                        probes++;
                    }
                }
            }
        }
        return new Result(probes, maxEstimate, climbs, falls, highNanos);
    }
}
