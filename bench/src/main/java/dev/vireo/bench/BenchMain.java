package dev.vireo.bench;

import dev.vireo.bench.media.PacedSender;
import dev.vireo.bench.media.ReceiveMetrics;
import dev.vireo.bench.server.JanusProcess;
import dev.vireo.bench.server.JfrSummary;
import dev.vireo.bench.server.ServerProcesses;
import dev.vireo.bench.server.ServerUnderTest;
import dev.vireo.bench.server.VireoProcess;
import dev.vireo.bench.signal.ClientContext;
import dev.vireo.bench.signal.PeerTransports;
import dev.vireo.bench.signal.TransportFactory;
import dev.vireo.buffer.BufferPool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./vireo bench SCENARIO ...}: runs the scenario against each target server in turn, in one process and one
 * run, and writes {@code bench/results/<scenario>-<date>.json}, a PNG chart and a Markdown table beside it.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // Benchmarks of their own, with their own options; everything else is a forwarding scenario.
        String[] rest = args.length > 0 ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        switch (args.length > 0 ? args[0] : "") {
            case "floor" -> {
                dev.vireo.bench.floor.FloorBench.main(rest);
                return;
            }
            case "handshake" -> {
                dev.vireo.bench.handshake.HandshakeBench.main(rest);
                return;
            }
            case "latency" -> {
                dev.vireo.bench.latency.LatencyBench.main(rest);
                return;
            }
            default -> {
            }
        }
        BenchOptions options;
        try {
            if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
                System.out.print(BenchOptions.USAGE);
                return;
            }
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.sameCore() && sfuCore(options) != null) {
            // The launcher started this JVM on core 1; its threads, and those it starts later, move to the SFU's core.
            ServerProcesses.pin(ProcessHandle.current().pid(), sfuCore(options));
        }
        // The clients' own one-time crypto set-up (seconds on a busy machine) must not land in the join time of the
        // first server measured.
        dev.vireo.sfu.StartupWarmUp.run(dev.vireo.dtls.DtlsCertificate.generate());
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        List<StepResult> all = new ArrayList<>();
        Map<String, String> servers = new LinkedHashMap<>();
        if (options.targets().size() == 1) {
            all.addAll(runTarget(options, options.targets().get(0), servers));
        } else {
            all.addAll(interleaved(options, servers));
        }
        String date = now.format(DateTimeFormatter.ISO_LOCAL_DATE);
        Path json = options.out() != null ? options.out()
                : options.resultsDir().resolve(options.scenario().label() + "-" + date + ".json");
        Report.Run run = new Report.Run(options.scenario().label(),
                now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                "./vireo bench " + String.join(" ", args), machine(), load(options), servers, all);
        Report.writeJson(run, json);
        String base = json.getFileName().toString().replaceFirst("\\.json$", "");
        Path png = json.toAbsolutePath().getParent().resolve(base + ".png");
        Chart.write(run, options.scenario().incremental() ? "receive-only subscribers" : "participants (M x M)", png);
        Path md = json.toAbsolutePath().getParent().resolve(base + ".md");
        String table = Report.markdown(run);
        Files.writeString(md, table);
        Path jfr = options.workDir().resolve("vireo").resolve("vireo-jfr.txt");
        if (options.jfr() && Files.exists(jfr)) {
            Files.copy(jfr, json.toAbsolutePath().getParent().resolve(base + "-vireo-jfr.txt"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println();
        System.out.print(table);
        System.out.println("\nwrote " + json + ", " + png + ", " + md);
    }

    /**
     * Side by side on a shared, noisy machine: every step runs against each server in turn, each on a freshly started
     * process, the order alternating from step to step, so both servers meet the same background load. A server
     * leaves the sweep when its own stop rule says so.
     */
    static List<StepResult> interleaved(BenchOptions options, Map<String, String> servers) throws Exception {
        List<StepResult> all = new ArrayList<>();
        Map<String, StepResult> last = new LinkedHashMap<>();
        Map<String, Boolean> stopped = new LinkedHashMap<>();
        for (int i = 0; i < options.steps().size(); i++) {
            List<String> order = new ArrayList<>(options.targets());
            if (i % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (String target : order) {
                if (stopped.getOrDefault(target, false)) {
                    continue;
                }
                List<StepResult> r = runTarget(options.withSteps(List.of(options.steps().get(i))), target, servers);
                if (r.isEmpty()) {
                    stopped.put(target, true);
                    continue;
                }
                StepResult step = r.get(0);
                all.add(step);
                String stop = ScenarioRunner.stopReason(step, last.get(target), options);
                if (stop != null) {
                    log(target + ": stopping the sweep: " + stop);
                    stopped.put(target, true);
                }
                last.put(target, step);
            }
        }
        all.sort(java.util.Comparator.comparing(StepResult::server, java.util.Comparator.reverseOrder())
                .thenComparingInt(StepResult::step));
        return all;
    }

    /** One server: start it, run every step, stop it (with --jfr, then summarize Vireo's recording). */
    static List<StepResult> runTarget(BenchOptions options, String target, Map<String, String> servers)
            throws Exception {
        String core = sfuCore(options);
        Path work = options.workDir().resolve(target);
        List<String> jvm = new ArrayList<>();
        if (core != null) {
            // Pinned to one core after start-up (see ServerProcesses.pin), the JVM would still size its pools and
            // Vireo its media workers for every CPU, and those threads then wait for each other on the one core.
            jvm.add("-XX:ActiveProcessorCount=1");
        }
        if (options.jfr()) {
            jvm.add("-XX:StartFlightRecording=filename=" + work.resolve("vireo.jfr") + ",settings=profile,dumponexit=true");
        }
        ServerUnderTest server = target.equals("janus")
                ? new JanusProcess(options.janusPrepare(), work, core)
                : new VireoProcess(options.serverClasspath(), work, core, jvm);
        try {
            return runSteps(options, target, servers, server);
        } finally {
            if (options.jfr() && target.equals("vireo") && Files.exists(work.resolve("vireo.jfr"))) {
                Files.writeString(work.resolve("vireo-jfr.txt"),
                        JfrSummary.summarize(work.resolve("vireo.jfr"), 40));
            }
        }
    }

    private static List<StepResult> runSteps(BenchOptions options, String target, Map<String, String> servers,
                                             ServerUnderTest server) throws Exception {
        BufferPool pool = new BufferPool(8192);
        try (TransportFactory transports = PeerTransports.create(pool, 1, options.receivers());
             PacedSender sender = new PacedSender();
             server) {
            ClientContext context = new ClientContext(transports, pool, sender, new ReceiveMetrics());
            log(target + ": starting");
            server.start();
            servers.put(target, server.command());
            log(target + ": pid " + server.pid() + ": " + server.command());
            ScenarioRunner runner = new ScenarioRunner(options.scenario(), options, context, BenchMain::log);
            try {
                return runner.run(server);
            } finally {
                runner.shutdown();
            }
        }
    }

    /** The core the server under test is pinned to: "0" when pinning is on and there is a second core, else null. */
    private static String sfuCore(BenchOptions o) {
        return o.pin() && ServerProcesses.onlineCpuCount() >= 2 ? "0" : null;
    }

    static void log(String s) {
        System.err.println("bench: " + s);
    }

    private static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cpus", Integer.toString(ServerProcesses.onlineCpuCount()));
        m.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("memTotal", firstLine(Path.of("/proc/meminfo"), "MemTotal:"));
        return m;
    }

    private static Map<String, String> load(BenchOptions o) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("durationSeconds", Integer.toString(o.durationSeconds()));
        m.put("warmupSeconds", Integer.toString(o.warmupSeconds()));
        m.put("startupSeconds", Integer.toString(o.startupSeconds()));
        m.put("settleSeconds", Integer.toString(o.settleSeconds()));
        m.put("loadReceivers", o.receivers().name().toLowerCase(java.util.Locale.ROOT));
        m.put("sfuPinnedToCore", sfuCore(o) != null ? sfuCore(o) : "no");
        m.put("loadJvmCpus", firstLine(Path.of("/proc/self/status"), "Cpus_allowed_list:"));
        m.put("loadJvmOnSfuCore", o.sameCore() ? "yes: the SFU's core is busy when packets arrive" : "no");
        m.put("publisherTraffic", o.scenario().layer() == null ? "Opus 50 pps x 100 B"
                : "Opus 50 pps x 100 B + VP8 " + o.scenario().layer().label() + " "
                + o.scenario().layer().packetsPerSecond() + " pps x 1100 B, key frame (4x) every 4 s and on PLI/FIR");
        m.put("delay", "publisher send to subscriber receive in the load JVM: SFU-added delay plus the load "
                + "clients' own queueing");
        return m;
    }

    private static String cpuModel() {
        String s = firstLine(Path.of("/proc/cpuinfo"), "model name");
        return s.contains(":") ? s.substring(s.indexOf(':') + 1).trim() : s;
    }

    private static String firstLine(Path file, String prefix) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).replaceFirst("^\\s*:?\\s*", "").trim();
                }
            }
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }
}
