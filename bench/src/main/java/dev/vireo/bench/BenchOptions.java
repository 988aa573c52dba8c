package dev.vireo.bench;

import dev.vireo.peer.PeerReactor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code ./vireo bench SCENARIO [options]}, validated once.
 *
 * @param targets           servers to run, in order ("vireo", "janus")
 * @param steps             the sweep: viewers (broadcast, audio) or M (meeting)
 * @param pin               pin the SFU to core 0 and the load JVM to core 1 with taskset
 * @param sameCore          pin the load JVM to the SFU's core 0 as well (sleeping load clients): the server's core is
 *                          never idle when a packet arrives, as on a busy server, so no wake-up of an idle virtual CPU
 *                          is charged to a packet
 * @param saturationPercent SFU CPU (100 = one core) at which a sweep stops
 * @param jfr               record the Vireo JVM with JFR and summarize where its CPU went
 * @param receivers         how the load clients' receive thread waits: spinning (the default) or sleeping
 * @param startupSeconds    added to the first step's warm-up, for the server's start-up (a JVM's JIT compilation)
 * @param settleSeconds     after a step's warm-up, how long to wait at most for the server's JIT compiler threads
 *                          to fall quiet (0: do not wait)
 * @param warmJoins         viewers that join and leave a throwaway broadcast on each freshly started server before
 *                          its first step, unmeasured: the steps' joins then meet a server that has served joins
 *                          before, as a long-running one has (0: the first step's joins are a cold start)
 */
public record BenchOptions(Scenario scenario, List<String> targets, int durationSeconds, int warmupSeconds,
                           List<Integer> steps, Path out, Path resultsDir, Path workDir, String serverClasspath,
                           Path janusPrepare, boolean pin, double maxLossPercent, double saturationPercent,
                           boolean jfr, PeerReactor.Wait receivers,
                           int startupSeconds, int settleSeconds, boolean sameCore, int warmJoins) {

    static final String USAGE = """
            Usage: ./vireo bench SCENARIO [options]

            Scenarios:
              broadcast   1 publisher (Opus + 720p VP8, ~350 pps) -> N viewers
              meeting     M participants each publishing Opus + 360p VP8 and receiving everyone; a fresh room per step
              audio       10 audio-only speakers -> N listeners
              latency     glass-to-glass latency in headless Chromium (./vireo bench latency --help)

            Options:
              --target vireo|janus|both   servers to measure (both: each step on each server in turn, fresh processes)
              --duration S                measured seconds per step (default: 20)
              --warmup S                  seconds after the step's clients receive, before measuring (default: 5)
              --startup S                 added to the first step's warm-up: the server's start-up, e.g. a JVM
                                          compiling its hot code, is not a per-packet cost (default: 30)
              --settle S                  then wait up to S more seconds until the server's JIT compiler threads
                                          used under 0.3% of a core for 10 s; a server without them (Janus)
                                          does not wait (default: 180; 0: do not wait)
              --steps 10,50,100           the sweep (default: per scenario)
              --warm-joins N              before its first step, N viewers join and leave a throwaway broadcast
                                          on each fresh server, unmeasured: the steps' joins then show a server
                                          that has served joins before, not a cold start (default: 0)
              --out FILE.json             results file (default: bench/results/<scenario>-<date>.json)
              --no-pin                    do not pin the SFU to core 0 (the launcher pins the load JVM to core 1)
              --same-core                 run the load JVM on the SFU's core 0 too, its clients sleeping: the core
                                          is busy when a packet arrives, so the server is not charged for waking
                                          an idle CPU (on this VM 100-400 us per wake-up, most of a small step)
              --max-loss PERCENT          stop after two steps in a row with more loss (default: 0.5)
              --saturation PERCENT        stop after a step where the SFU used this much CPU, 100 = a core (default: 95)
              --jfr                       profile Vireo with JFR; writes <out>-vireo.jfr and a hot-method summary
              --receivers spin|sleep      how the load clients wait for packets (default: spin; sleep with
                                          --same-core). Sleeping clients
                                          must be woken by the server's sendto on loopback, an interrupt to the
                                          load core charged to the server: a cost a real network does not have
            """;

    /** The same options with another sweep. */
    BenchOptions withSteps(List<Integer> newSteps) {
        return new BenchOptions(scenario, targets, durationSeconds, warmupSeconds, List.copyOf(newSteps), out,
                resultsDir, workDir, serverClasspath, janusPrepare, pin, maxLossPercent, saturationPercent, jfr, receivers, startupSeconds,
                settleSeconds, sameCore, warmJoins);
    }

    static BenchOptions parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("missing SCENARIO");
        }
        Scenario scenario = Scenario.parse(args[0]);
        List<String> targets = List.of("vireo");
        int duration = 20;
        int warmup = 5;
        int startup = 30;
        int settle = 180;
        int warmJoins = 0;
        List<Integer> steps = scenario.defaultSteps();
        Path out = null;
        boolean pin = true;
        boolean jfr = false;
        PeerReactor.Wait receivers = null;
        boolean sameCore = false;
        double maxLoss = 0.5;
        double saturation = 95;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--target" -> {
                    targets = switch (need(a, v)) {
                        case "vireo" -> List.of("vireo");
                        case "janus" -> List.of("janus");
                        case "both" -> List.of("vireo", "janus");
                        default -> throw new IllegalArgumentException("--target is vireo, janus or both");
                    };
                    i++;
                }
                case "--duration" -> { duration = atLeast(1, a, need(a, v)); i++; }
                case "--warmup" -> { warmup = atLeast(0, a, need(a, v)); i++; }
                case "--startup" -> { startup = atLeast(0, a, need(a, v)); i++; }
                case "--warm-joins" -> { warmJoins = atLeast(0, a, need(a, v)); i++; }
                case "--settle" -> { settle = atLeast(0, a, need(a, v)); i++; }
                case "--steps" -> { steps = parseSteps(need(a, v)); i++; }
                case "--out" -> { out = Path.of(need(a, v)); i++; }
                case "--no-pin" -> pin = false;
                case "--same-core" -> sameCore = true;
                case "--jfr" -> jfr = true;
                case "--receivers" -> {
                    receivers = switch (need(a, v)) {
                        case "spin" -> PeerReactor.Wait.SPIN;
                        case "sleep" -> PeerReactor.Wait.SLEEP;
                        default -> throw new IllegalArgumentException("--receivers is spin or sleep");
                    };
                    i++;
                }
                case "--max-loss" -> { maxLoss = Double.parseDouble(need(a, v)); i++; }
                case "--saturation" -> { saturation = Double.parseDouble(need(a, v)); i++; }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (sameCore && !pin) {
            throw new IllegalArgumentException("--same-core pins both to core 0; it cannot go with --no-pin");
        }
        if (sameCore && receivers == PeerReactor.Wait.SPIN) {
            throw new IllegalArgumentException("--same-core needs sleeping load clients: spinning ones would take "
                    + "the server's core");
        }
        if (receivers == null) {
            receivers = sameCore ? PeerReactor.Wait.SLEEP : PeerReactor.Wait.SPIN;
        }
        Path root = Path.of(System.getProperty("vireo.root", ".")).toAbsolutePath().normalize();
        String cp = System.getProperty("vireo.server.classpath",
                root.resolve("signaling/target/classes") + ":" + root.resolve("signaling/target/lib") + "/*");
        Path prepare = Path.of(System.getProperty("vireo.janus.prepare",
                root.resolve("../shared/bench/janus/prepare.sh").normalize().toString()));
        return new BenchOptions(scenario, targets, duration, warmup, steps, out, root.resolve("bench/results"),
                root.resolve("bench/target/run"), cp, prepare, pin, maxLoss, saturation, jfr, receivers, startup,
                settle, sameCore, warmJoins);
    }

    private static List<Integer> parseSteps(String s) {
        List<Integer> out = new ArrayList<>();
        for (String p : s.split(",")) {
            out.add(atLeast(1, "--steps", p.trim()));
        }
        return List.copyOf(out);
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** A whole number of at least {@code min} for {@code option}, or an error that names the option. */
    private static int atLeast(int min, String option, String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
        }
        if (n < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", got " + n);
        }
        return n;
    }
}
