package dev.vireo.bwe;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The estimator replayed on transport-cc feedback a real headless Chromium sent: the
 * {@code capped-feedback-trace-N.txt.gz} files were recorded by three runs of the capped-downlink browser test
 * (signaling e2e), whose subscriber sat behind a 1000 kbit/s {@code tc tbf} that was switched on while it received the
 * 1280x720 layer. Each line is one feedback message joined
 * with the SFU's send history; probe clusters are replayed as clusters (same ids, same order), so the replay sees what
 * the live estimator saw. The live SFU moved layers as the estimate changed, so the trace is open-loop here: these
 * assertions are about how the estimator reads what Chromium reported, not about the allocation.
 */
class RecordedFeedbackTest {
    private static final long CAP_BPS = 1_000_000;
    private static final long S = 1_000_000_000L;

    private record Message(long nowNanos, long[] send, long[] arrival, int[] size, int[] cluster) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"capped-feedback-trace-1.txt.gz", "capped-feedback-trace-2.txt.gz",
        "capped-feedback-trace-3.txt.gz"})
    void aCappedPathPullsTheEstimateUnderTheCapAndFailedProbesNeverLiftItAbove(String trace) throws IOException {
        List<Message> messages = new ArrayList<>();
        long capAt = read(trace, messages);
        assertTrue(capAt > 0 && messages.size() > 100, "trace has the cap mark and feedback");
        Map<Integer, Integer> clusterPackets = new HashMap<>();
        for (Message m : messages) {
            for (int c : m.cluster) {
                if (c >= 0) {
                    clusterPackets.merge(c, 1, Integer::sum);
                }
            }
        }
        BandwidthEstimator e = new BandwidthEstimator(new BandwidthEstimator.Settings(1_000_000, 50_000,
                20_000_000));
        int nextCluster = 0;
        long maxBeforeCap = 0;
        long underCapAt = -1;
        long maxLate = 0;
        long minLate = Long.MAX_VALUE;
        PacketFeedback fb = new PacketFeedback(8192);
        for (Message m : messages) {
            fb.clear();
            for (int i = 0; i < m.send.length; i++) {
                int c = m.cluster[i];
                while (c >= nextCluster) {
                    // Clusters get ids in the order the live estimator handed them out.
                    int id = e.newCluster(Long.MAX_VALUE / 16);
                    e.onProbeSent(id, clusterPackets.getOrDefault(id, 0), m.nowNanos);
                    nextCluster = id + 1;
                }
                fb.add(m.send[i], m.arrival[i], m.size[i], c);
            }
            e.onFeedback(fb, m.nowNanos);
            long estimate = e.bitsPerSecond();
            long sinceCap = m.nowNanos - capAt;
            if (sinceCap < 0) {
                maxBeforeCap = Math.max(maxBeforeCap, estimate);
            } else if (underCapAt < 0 && estimate <= CAP_BPS) {
                underCapAt = sinceCap;
            }
            if (sinceCap >= 5 * S) {
                maxLate = Math.max(maxLate, estimate);
                minLate = Math.min(minLate, estimate);
            }
        }
        System.out.printf("replay %s: %d feedback messages, %d probe clusters; before the cap max %d bit/s;"
                        + " under the cap %.1f s after it; from 5 s on %d..%d bit/s%n", trace, messages.size(), clusterPackets.size(),
                maxBeforeCap, underCapAt / 1e9, minLate, maxLate);
        assertTrue(maxBeforeCap >= 2_500_000, "the open path's probes should have proven the 720p layer: "
                + maxBeforeCap);
        assertTrue(underCapAt >= 0 && underCapAt <= 3 * S, "the estimate fell under the cap only after "
                + underCapAt / 1e9 + " s");
        assertTrue(maxLate <= 1.2 * CAP_BPS, "a probe or the controllers lifted the estimate to " + maxLate
                + " bit/s on a " + CAP_BPS + " bit/s path");
        assertTrue(minLate >= 0.3 * CAP_BPS, "the estimate collapsed to " + minLate + " bit/s");
    }

    /** Reads the trace into {@code out}; returns the cap's time (the "# <ns> cap" mark), -1 when absent. */
    private static long read(String resource, List<Message> out) throws IOException {
        InputStream raw = RecordedFeedbackTest.class.getResourceAsStream(resource);
        assertNotNull(raw, "missing test resource " + resource);
        long capAt = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split(" ");
                if (line.startsWith("#")) {
                    if (f.length >= 3 && f[2].equals("cap")) {
                        capAt = Long.parseLong(f[1]);
                    }
                    continue;
                }
                int n = Integer.parseInt(f[1]);
                Message m = new Message(Long.parseLong(f[0]), new long[n], new long[n], new int[n], new int[n]);
                for (int i = 0; i < n; i++) {
                    String[] p = f[2 + i].split(",");
                    m.send[i] = Long.parseLong(p[0]);
                    m.arrival[i] = p[1].equals("x") ? PacketFeedback.NOT_RECEIVED : Long.parseLong(p[1]);
                    m.size[i] = Integer.parseInt(p[2]);
                    m.cluster[i] = Integer.parseInt(p[3]);
                }
                out.add(m);
            }
        }
        return capAt;
    }
}
