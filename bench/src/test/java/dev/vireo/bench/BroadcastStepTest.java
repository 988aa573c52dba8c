package dev.vireo.bench;

import dev.vireo.bench.server.ServerProcesses;
import dev.vireo.peer.PeerReactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load tool end to end, small: a Vireo child process, one publisher and three viewers on loopback for 3 s. It
 * proves the tool measures (packets forwarded, nothing lost, CPU read from /proc); the figures themselves are
 * reported by {@code ./vireo bench}, never asserted here.
 */
class BroadcastStepTest {
    @Test
    @Timeout(60)
    void oneBroadcastStepForwardsWithoutLoss(@TempDir Path dir) throws Exception {
        runStep(dir, false);
    }

    /**
     * Pinned as the benchmark pins it, the server sees one CPU, so it runs one media worker and its receive thread
     * forwards packets itself while the worker is idle (MediaWorkers' inline path): the same checks hold there.
     */
    @Test
    @Timeout(60)
    void aServerOnOneCoreForwardsWithoutLoss(@TempDir Path dir) throws Exception {
        runStep(dir, true);
    }

    private static void runStep(Path dir, boolean pin) throws Exception {
        BenchOptions options = new BenchOptions(Scenario.BROADCAST, List.of("vireo"), 3, 1, List.of(3), null,
                dir.resolve("results"), dir.resolve("run"), System.getProperty("java.class.path"),
                dir.resolve("no-janus.sh"), pin, 0.5, 95, false, PeerReactor.Wait.SPIN, 0, 0, false, 0);
        Map<String, String> servers = new LinkedHashMap<>();

        List<StepResult> steps = BenchMain.runTarget(options, "vireo", servers);

        assertEquals(1, steps.size());
        StepResult r = steps.get(0);
        assertEquals(3, r.receivers());
        assertEquals(3, r.receiversWithMedia(), "every viewer received media");
        assertEquals(0, r.failedTransports());
        // 3 viewers × (Opus 50 pps + VP8 720p 300 pps) for 3 s, allowing for start-up and key frame bursts.
        assertTrue(r.receivedPackets() > 3 * 350 * 3 / 2, "forwarded packets: " + r.receivedPackets());
        assertEquals(r.expectedPackets(), r.receivedPackets(), "no packet lost");
        assertEquals(0.0, r.lossPercent());
        assertEquals(0, r.srtpRejected(), "every packet passed SRTP authentication");
        assertTrue(r.deliveredPercent() > 95 && r.deliveredPercent() < 105, "delivered " + r.deliveredPercent());
        assertTrue(r.cpuMicrosPerPacket() > 0, "CPU time read from /proc");
        // three ICE sessions, DTLS handshakes and negotiations cost the server some CPU each
        assertTrue(r.joinCpuMs() > 0 && r.joinCpuMs() < 10_000, "join CPU per viewer " + r.joinCpuMs());
        assertFalse(Double.isNaN(r.delayP99Ms()));
        assertTrue(servers.get("vireo").contains("dev.vireo.server.Main server"));
        if (pin) {
            // one CPU for the JVM (told, or the machine has one): one media worker, so the inline path ran
            assertTrue(ServerProcesses.onlineCpuCount() < 2
                    || servers.get("vireo").contains("-XX:ActiveProcessorCount=1"), servers.get("vireo"));
        }
    }
}
