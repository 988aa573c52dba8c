package dev.vireo.bench.latency;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.GsonBuilder;

import dev.vireo.bench.server.VireoProcess;

/**
 * {@code ./vireo bench latency}: glass-to-glass latency measured by the harness page in headless Chromium, against
 * a Vireo server started as its own process. With {@code --source browser} the page's canvas barcode goes directly
 * browser to browser (the baseline) and through Vireo, alternating round by round; with {@code --source agent} the
 * capture agent's test pattern goes through Vireo to the page. Through Vireo means WHIP publish into a stream made
 * over the REST API and WHEP watch ({@code --via whip}, the default) or Vireo's own signaling ({@code --via
 * signaling}). Writes {@code bench/results/latency-<source>-<date>}
 * {@code .json} and {@code .md}.
 */
public final class LatencyBench {
    /** Issue 5: via Vireo p95 within 10% of the direct p95. */
    static final double P95_RATIO_GOAL = 1.10;
    /** Issue 6: agent → Vireo → Chromium p95 at most 150 ms on loopback. */
    static final double AGENT_P95_GOAL_MS = 150;

    /** One transport's pooled figures and the load average around each of its rounds. */
    record Transport(String name, LatencyFigures figures, List<String> loadAverages, List<String> sizes) {
    }

    record Run(String scenario, String source, String via, String date, String command, Map<String, String> machine,
               String server, String agent, List<Transport> transports, Double p95Ratio, Map<String, String> goals) {
    }

    private LatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        LatencyOptions options;
        try {
            if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
                System.out.print(LatencyOptions.USAGE);
                return;
            }
            options = LatencyOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench latency: " + e.getMessage());
            System.err.print(LatencyOptions.USAGE);
            System.exit(2);
            return;
        }
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Run run = measure(options, "./vireo bench latency " + String.join(" ", args), now);
        String date = now.format(DateTimeFormatter.ISO_LOCAL_DATE);
        Path json = options.out() != null ? options.out()
                : options.resultsDir().resolve("latency-" + options.source() + "-" + date + ".json");
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                .toJson(run) + "\n");
        String table = markdown(run);
        Path md = json.toAbsolutePath().getParent().resolve(json.getFileName().toString().replaceFirst("\\.json$", "")
                + ".md");
        Files.writeString(md, table);
        System.out.println();
        System.out.print(table);
        System.out.println("\nwrote " + json + ", " + md);
    }

    static Run measure(LatencyOptions o, String command, ZonedDateTime now) throws Exception {
        boolean whip = o.via().equals("whip");
        String transport = whip ? "/latency/via-whip.js" : "/latency/via-vireo.js";
        int perRound = o.durationSeconds() / o.rounds();
        List<String> names = o.source().equals("agent") ? List.of("agent") : List.of("direct", "vireo");
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        Map<String, Long> failures = new LinkedHashMap<>();
        Map<String, List<String>> loads = new LinkedHashMap<>();
        Map<String, List<String>> sizes = new LinkedHashMap<>();
        for (String n : names) {
            samples.put(n, new ArrayList<>());
            failures.put(n, 0L);
            loads.put(n, new ArrayList<>());
            sizes.put(n, new ArrayList<>());
        }
        String agentCommand = null;
        VireoProcess vireo = new VireoProcess(o.serverClasspath(), o.workDir(), null, List.of());
        try (vireo) {
            log("starting Vireo");
            vireo.start();
            log("vireo: pid " + vireo.pid() + ": " + vireo.command());
            String base = "http://127.0.0.1:" + vireo.httpPort();
            String page = base + "/latency/index.html";
            StreamsClient streams = whip ? StreamsClient.of(base, vireo.dataDir()) : null;
            AgentLauncher agent = null;
            String agentId = null;
            String agentRoom = "latency-agent";
            try {
                if (o.source().equals("agent")) {
                    List<String> target;
                    if (whip) {
                        StreamsClient.Stream stream = streams.create("latency agent");
                        agentRoom = stream.room();
                        target = List.of("--whip", stream.whipUrl(), "--token", stream.publishToken());
                    } else {
                        target = List.of("--server", vireo.signalingUrl(), "--room", agentRoom);
                    }
                    agent = AgentLauncher.start(o.agentClasspath(), target, o.workDir(), freePort());
                    agentCommand = agent.command();
                    agentId = agent.awaitPublishing(Duration.ofSeconds(60));
                    // Over WHIP the agent has no participant id; WHEP then watches the stream's only host.
                    agentId = agentId.isEmpty() ? null : agentId;
                    log("agent publishing" + (agentId == null ? "" : " as " + agentId));
                }
                try (HeadlessChromium browser = new HeadlessChromium()) {
                    browser.open(page);
                    for (int round = 0; round < o.rounds(); round++) {
                        // Alternate which transport goes first, so neither always follows the other.
                        List<String> order = new ArrayList<>(names);
                        if (round % 2 == 1) {
                            java.util.Collections.reverse(order);
                        }
                        for (String name : order) {
                            String mode = switch (name) {
                                case "agent" -> "watch";
                                default -> name;
                            };
                            String room = name.equals("agent") ? agentRoom : "latency-r" + round;
                            String token = null;
                            if (whip && name.equals("vireo")) {
                                StreamsClient.Stream stream = streams.create("latency round " + (round + 1));
                                room = stream.room();
                                token = stream.publishToken();
                            }
                            String before = loadAverage();
                            Map<?, ?> status = runOnce(browser, mode, room, agentId, perRound, o.warmupSeconds(),
                                    transport, token);
                            Map<?, ?> summary = (Map<?, ?>) status.get("summary");
                            List<?> got = (List<?>) browser.js("return window.latencyHarness.samples()");
                            for (Object v : got) {
                                samples.get(name).add(((Number) v).doubleValue());
                            }
                            failures.merge(name, ((Number) summary.get("decodeFailures")).longValue(), Long::sum);
                            loads.get(name).add(before + " -> " + loadAverage());
                            sizes.get(name).add(((Number) status.get("width")).intValue() + "x"
                                    + ((Number) status.get("height")).intValue());
                            log(String.format(Locale.ROOT, "round %d %s: %s (load %s)", round + 1, name, summary,
                                    loads.get(name).get(loads.get(name).size() - 1)));
                        }
                    }
                }
            } finally {
                if (agent != null) {
                    agent.close();
                }
            }
        }
        List<Transport> transports = new ArrayList<>();
        for (String n : names) {
            transports.add(new Transport(n, LatencyFigures.of(samples.get(n), failures.get(n)), loads.get(n),
                    sizes.get(n)));
        }
        Double ratio = null;
        Map<String, String> goals = new LinkedHashMap<>();
        if (o.source().equals("browser")) {
            ratio = transports.get(1).figures().p95Ratio(transports.get(0).figures());
            goals.put("via Vireo p95 within 10% of direct p95", ratio <= P95_RATIO_GOAL ? "met" : "not met");
        } else {
            goals.put("agent p95 <= 150 ms", transports.get(0).figures().p95() <= AGENT_P95_GOAL_MS
                    ? "met" : "not met");
        }
        return new Run("latency", o.source(), o.via(), now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), command,
                machine(), vireo.command(), agentCommand, transports, ratio, goals);
    }

    /** One run of the harness page; its final status. */
    private static Map<?, ?> runOnce(HeadlessChromium browser, String mode, String room, String participantId,
                                     int seconds, int warmup, String transport, String token)
            throws InterruptedException {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("transport", transport);
        options.put("token", token);
        options.put("mode", mode);
        options.put("room", room);
        options.put("seconds", seconds);
        options.put("warmup", warmup);
        options.put("participantId", participantId);
        browser.js("window.latencyHarness.start(arguments[0])", options);
        long until = System.nanoTime() + Duration.ofSeconds(seconds + warmup + 60).toNanos();
        while (System.nanoTime() < until) {
            Map<?, ?> status = (Map<?, ?>) browser.js("return window.latencyHarness.status()");
            Object phase = status.get("phase");
            if ("done".equals(phase)) {
                return status;
            }
            if ("failed".equals(phase)) {
                throw new IllegalStateException(mode + " run failed: " + status + "\nconsole:\n" + browser.console());
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(mode + " run did not finish: " + browser.js(
                "return window.latencyHarness.status()"));
    }

    static String markdown(Run run) {
        StringBuilder sb = new StringBuilder();
        sb.append("| path | frames decoded | decode failures | p50 ms | p95 ms | max ms | mean ms | received | load average (1/5/15 min, before -> after each round) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (Transport t : run.transports()) {
            LatencyFigures f = t.figures();
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.0f | %.0f | %.1f | %s | %s |%n",
                    label(t.name(), run.via()), f.samples(), f.decodeFailures(), f.p50(), f.p95(), f.max(), f.mean(),
                    String.join(", ", t.sizes().stream().distinct().toList()), String.join("; ", t.loadAverages())));
        }
        if (run.p95Ratio() != null) {
            sb.append(String.format(Locale.ROOT, "%nvia Vireo p95 / direct p95 = **%.2f** (goal <= %.2f: %s)%n",
                    run.p95Ratio(), P95_RATIO_GOAL, run.goals().values().iterator().next()));
        } else {
            sb.append(String.format(Locale.ROOT, "%nagent p95 goal <= %.0f ms: %s%n", AGENT_P95_GOAL_MS,
                    run.goals().values().iterator().next()));
        }
        return sb.toString();
    }

    private static String label(String name, String via) {
        boolean whip = "whip".equals(via);
        return switch (name) {
            case "direct" -> "direct (browser -> browser, one page)";
            case "vireo" -> whip ? "via Vireo (browser -WHIP-> Vireo -WHEP-> browser, one page)"
                    : "via Vireo (browser -signaling-> Vireo -signaling-> browser, one page)";
            default -> whip ? "capture agent -WHIP-> Vireo -WHEP-> browser"
                    : "capture agent -signaling-> Vireo -signaling-> browser";
        };
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("networkInterfaces", interfaces());
        return m;
    }

    /** The interfaces this process sees: only "lo" inside the launcher's loopback-only namespace. */
    private static String interfaces() {
        try {
            return String.join(",", java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
                    .stream().map(java.net.NetworkInterface::getName).sorted().toList());
        } catch (IOException e) {
            return "?";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void log(String s) {
        System.err.println("bench latency: " + s);
    }
}
