package dev.vireo.bench.handshake;

import dev.vireo.dtls.DtlsCertificate;
import dev.vireo.dtls.DtlsClient;
import dev.vireo.dtls.DtlsServer;
import dev.vireo.dtls.MemoryLink;
import dev.vireo.srtp.SrtpProfile;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./vireo bench handshake [--count N] [--block N]}: what one DTLS-SRTP handshake costs Vireo's server side
 * (and its client side, which the load clients use), in CPU time of the thread that ran it, from a fresh JVM on. The
 * two sides run in this process over a {@link MemoryLink}, each on its own thread, so no network, ICE or scheduling
 * of other work is in the figures; the server side is what every joining participant costs the SFU before its first
 * packet. Printed in blocks, so the JIT's warm-up (a fresh server's first joins) shows next to the steady state.
 */
public final class HandshakeBench {
    private static final String USAGE = "usage: ./vireo bench handshake [--count N] [--block N]";

    private HandshakeBench() {
    }

    /** What to run: {@code count} handshakes, reported in blocks of {@code block} after the first. */
    record Options(int count, int block) {
        static Options parse(String[] args) {
            int count = 2000;
            int block = 200;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--count" -> count = positive(args, ++i);
                    case "--block" -> block = positive(args, ++i);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(count, block);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench handshake: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    /** Runs the handshakes and prints a Markdown table: the first (cold) one, then one row per block. */
    static void run(Options options, PrintStream out) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        DtlsCertificate serverCertificate = DtlsCertificate.generate();
        DtlsCertificate clientCertificate = DtlsCertificate.generate();
        List<SrtpProfile> profiles = List.of(SrtpProfile.values());
        ExecutorService serverThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "handshake-server"));
        out.println("| handshakes | server CPU ms, mean / p50 / p95 | client CPU ms, mean | wall ms, p50 |");
        out.println("|---|---:|---:|---:|");
        int block = options.block();
        long[] server = new long[block];
        long[] client = new long[block];
        long[] wall = new long[block];
        int filled = 0;
        int from = 1;
        try {
            for (int n = 1; n <= options.count(); n++) {
                MemoryLink link = new MemoryLink();
                long start = System.nanoTime();
                Future<Long> accepted = serverThread.submit(() -> {
                    long cpu = threads.getCurrentThreadCpuTime();
                    DtlsServer.accept(link.serverEnd(), serverCertificate, clientCertificate.fingerprint(), profiles);
                    return threads.getCurrentThreadCpuTime() - cpu;
                });
                long cpu = threads.getCurrentThreadCpuTime();
                DtlsClient.connect(link.clientEnd(), clientCertificate, serverCertificate.fingerprint(), profiles);
                client[filled] = threads.getCurrentThreadCpuTime() - cpu;
                server[filled] = accepted.get();
                wall[filled] = System.nanoTime() - start;
                filled++;
                if (n == 1 || filled == block || n == options.count()) {
                    out.println(row(n == 1 ? "1 (cold)" : from + "-" + n, server, client, wall, filled));
                    from = n + 1;
                    filled = 0;
                }
            }
        } finally {
            serverThread.shutdownNow();
        }
    }

    private static String row(String label, long[] server, long[] client, long[] wall, int n) {
        long[] s = Arrays.copyOf(server, n);
        long[] w = Arrays.copyOf(wall, n);
        Arrays.sort(s);
        Arrays.sort(w);
        return String.format(Locale.ROOT, "| %s | %.2f / %.2f / %.2f | %.2f | %.2f |", label, mean(server, n) / 1e6,
                s[(n - 1) / 2] / 1e6, s[(int) Math.ceil(0.95 * n) - 1] / 1e6, mean(client, n) / 1e6,
                w[(n - 1) / 2] / 1e6);
    }

    private static double mean(long[] values, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return (double) sum / n;
    }

    private static int positive(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a number");
        }
        try {
            int value = Integer.parseInt(args[i]);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(args[i - 1] + " needs a positive whole number, not '" + args[i] + "'");
    }
}
