package dev.vireo.bench.latency;

import java.nio.file.Path;

/**
 * The command line of {@code ./vireo bench latency [options]}, validated once.
 *
 * @param source          "browser" (canvas barcode, direct and via Vireo) or "agent" (the capture agent's test
 *                        pattern via Vireo)
 * @param durationSeconds measured seconds per transport, split evenly over the rounds
 * @param rounds          how many times direct and via-Vireo alternate, so both meet the same background load
 * @param warmupSeconds   seconds after the first decoded frame of each round before measuring
 * @param via             how media goes through Vireo: "whip" (WHIP publish into a stream, WHEP watch; the default)
 *                        or "signaling" (Vireo's WebSocket signaling, the web client's Publisher and Subscriber)
 */
public record LatencyOptions(String source, int durationSeconds, int rounds, int warmupSeconds, String via, Path out,
                             Path resultsDir, Path workDir, String serverClasspath, String agentClasspath) {

    static final String USAGE = """
            Usage: ./vireo bench latency [options]

            Glass-to-glass latency from a wall-clock barcode in the video, decoded frame by frame in headless
            Chromium (the harness page web/latency/). Runs in a loopback-only network namespace when it can.

            Options:
              --source browser|agent  browser (default): a canvas barcode sent directly browser to browser (the
                                      baseline) and through Vireo, alternating; agent: the capture agent's test
                                      pattern (1280x720, 30 fps) through Vireo to Chromium
              --duration S            measured seconds per transport (default: 20)
              --rounds N              direct and via-Vireo alternate N times (default: 2)
              --warmup S              seconds after the first decoded frame before each round measures (default: 3)
              --via whip|signaling    whip (default): publish with WHIP into a stream made over the REST API and
                                      watch with WHEP; signaling: Vireo's WebSocket signaling (docs/signaling.md)
              --out FILE.json         results file (default: bench/results/latency-<source>-<date>.json)
            """;

    static LatencyOptions parse(String[] args) {
        String source = "browser";
        int duration = 20;
        int rounds = 2;
        int warmup = 3;
        String via = "whip";
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--source" -> {
                    source = need(a, v);
                    if (!source.equals("browser") && !source.equals("agent")) {
                        throw new IllegalArgumentException("--source is browser or agent");
                    }
                    i++;
                }
                case "--via" -> {
                    via = need(a, v);
                    if (!via.equals("whip") && !via.equals("signaling")) {
                        throw new IllegalArgumentException("--via is whip or signaling");
                    }
                    i++;
                }
                case "--duration" -> { duration = positive(a, need(a, v)); i++; }
                case "--rounds" -> { rounds = positive(a, need(a, v)); i++; }
                case "--warmup" -> { warmup = Integer.parseInt(need(a, v)); i++; }
                case "--out" -> { out = Path.of(need(a, v)); i++; }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (duration < rounds) {
            throw new IllegalArgumentException("--duration must be at least --rounds seconds");
        }
        Path root = Path.of(System.getProperty("vireo.root", ".")).toAbsolutePath().normalize();
        String serverCp = System.getProperty("vireo.server.classpath",
                root.resolve("signaling/target/classes") + ":" + root.resolve("signaling/target/lib") + "/*");
        String agentCp = root.resolve("capture-agent/target/classes") + ":"
                + root.resolve("capture-agent/target/lib") + "/*";
        return new LatencyOptions(source, duration, rounds, warmup, via, out, root.resolve("bench/results"),
                root.resolve("bench/target/run/latency"), serverCp, agentCp);
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static int positive(String option, String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'");
        }
        if (n <= 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return n;
    }
}
