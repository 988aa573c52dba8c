package dev.vireo.bench;

import dev.vireo.bench.media.DelayHistogram;
import dev.vireo.bench.media.Receiver;
import dev.vireo.bench.server.CompilerThreads;
import dev.vireo.bench.server.GcLog;
import dev.vireo.bench.server.ProcessSample;
import dev.vireo.bench.server.ServerUnderTest;
import dev.vireo.bench.signal.ClientContext;
import dev.vireo.bench.signal.Publication;
import dev.vireo.bench.signal.SignalingClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs one scenario's steps against one server: joins the clients of each step, waits until they receive, lets the
 * step warm up, then measures for the step's duration. Sweeps stop after the second step in a row whose loss passes
 * the threshold, the first whose SFU CPU reaches saturation, or one where a tenth of the receivers got nothing.
 */
final class ScenarioRunner {
    private static final int JOIN_THREADS = 8;
    private static final long MEDIA_WAIT_MILLIS = 30_000;

    private final Scenario scenario;
    private final BenchOptions options;
    private final ClientContext context;
    private final Consumer<String> log;
    private static final long IDLE_MILLIS = 3000;

    private int publishersNow;
    private double idleCpuPercent;
    private final ExecutorService joiner = Executors.newFixedThreadPool(JOIN_THREADS, r -> {
        Thread t = new Thread(r, "bench-join");
        t.setDaemon(true);
        return t;
    });

    /** 30 ms of compiler CPU in 10 s (0.3% of a core): quiet enough not to show in a step's CPU per packet. */
    private static final long QUIET_TICKS = 3;
    private static final long QUIET_WINDOW_MILLIS = 10_000;

    ScenarioRunner(Scenario scenario, BenchOptions options, ClientContext context, Consumer<String> log) {
        this.scenario = scenario;
        this.options = options;
        this.context = context;
        this.log = log;
    }

    /** A client with what it sends (null: nothing) and what it receives. */
    private record Member(SignalingClient client, Receiver receiver, boolean publishes) {
    }

    List<StepResult> run(ServerUnderTest server) throws Exception {
        List<StepResult> results = new ArrayList<>();
        ProcessSample idle = ProcessSample.of(server.pid());
        Thread.sleep(IDLE_MILLIS);
        ProcessSample idleEnd = ProcessSample.of(server.pid());
        idleCpuPercent = ProcessSample.cpuMicros(idle, idleEnd) / 1e4 / ((idleEnd.nanoTime() - idle.nanoTime()) / 1e9);
        warmJoins(server);
        List<Member> room = new ArrayList<>();
        List<Long> feeds = new ArrayList<>();
        String roomName = null;
        try {
            double steadyCpuMicrosPerSecond = 0;
            for (int n : options.steps()) {
                List<Member> added = new ArrayList<>();
                publishersNow = scenario.publishers(n);
                boolean freshRoom = !scenario.incremental() || roomName == null;
                if (freshRoom) {
                    closeAll(room);
                    room.clear();
                    feeds.clear();
                    steadyCpuMicrosPerSecond = 0;
                }
                ProcessSample joinStart = ProcessSample.of(server.pid());
                if (freshRoom) {
                    roomName = server.room(n, scenario.publishers(n));
                    added.addAll(joinPublishers(server, roomName, scenario.publishers(n), feeds));
                    room.addAll(added);
                }
                int missing = scenario.viewers(n) - (int) room.stream().filter(m -> !m.publishes).count();
                List<Member> viewers = joinViewers(server, roomName, Math.max(0, missing), room.size(), feeds);
                added.addAll(viewers);
                room.addAll(viewers);
                awaitMedia(added);
                double joinCpuMs = joinCpuMillisPerClient(joinStart, ProcessSample.of(server.pid()),
                        steadyCpuMicrosPerSecond, added.size());
                // The first step also waits out the server's start-up: a JVM compiles its hot code in its first
                // minute (the JIT compiler threads' CPU time), which a server that runs for days does not pay per
                // packet. Every server gets the same wait.
                Thread.sleep((options.warmupSeconds() + (results.isEmpty() ? options.startupSeconds() : 0)) * 1000L);
                double settled = awaitCompilerQuiet(server, n);
                StepResult r = measure(server, n, room, added, idle, settled, joinCpuMs);
                results.add(r);
                steadyCpuMicrosPerSecond = r.cpuPercent() * 1e4;
                log.accept(Report.line(r));
                String stop = stopReason(r, results.size() >= 2 ? results.get(results.size() - 2) : null, options);
                if (stop != null) {
                    if (results.size() < options.steps().size()) {
                        log.accept(server.name() + ": stopping the sweep: " + stop);
                    }
                    break;
                }
            }
        } finally {
            closeAll(room);
        }
        return results;
    }

    private List<Member> joinPublishers(ServerUnderTest server, String room, int count, List<Long> feeds)
            throws Exception {
        List<Member> members = join(count, i -> {
            Receiver r = new Receiver(context.metrics());
            SignalingClient c = server.client(context, new Publication(scenario.layer()), r);
            c.join(room, "pub-" + i);
            return new Member(c, r, true);
        });
        for (Member m : members) {
            feeds.add(m.client.feedId());
        }
        // Janus offers a feed to subscribers only once its publisher's PeerConnection is up.
        long deadline = System.currentTimeMillis() + MEDIA_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline
                && !members.stream().allMatch(m -> m.client.connectedTransports() > 0)) {
            Thread.sleep(50);
        }
        // Publishers hear each other (meeting, audio); servers that push offers have done so already.
        List<Long> all = List.copyOf(feeds);
        join(members.size(), i -> {
            members.get(i).client.subscribe(all);
            return null;
        });
        return members;
    }

    private List<Member> joinViewers(ServerUnderTest server, String room, int count, int base, List<Long> feeds)
            throws Exception {
        List<Long> all = List.copyOf(feeds);
        return join(count, i -> {
            Receiver r = new Receiver(context.metrics());
            SignalingClient c = server.client(context, null, r);
            c.join(room, "view-" + (base + i));
            c.subscribe(all);
            return new Member(c, r, false);
        });
    }

    private interface Task<T> {
        T run(int index) throws Exception;
    }

    /** Runs {@code count} joins on the join pool; a join that fails is logged and left out. */
    private <T> List<T> join(int count, Task<T> task) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(joiner.submit(() -> task.run(index)));
        }
        List<T> out = new ArrayList<>();
        int failed = 0;
        for (Future<T> f : futures) {
            try {
                T t = f.get();
                if (t != null) {
                    out.add(t);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (failed++ < 3) {
                    log.accept("join failed: " + e.getCause());
                }
            }
        }
        if (failed > 0) {
            log.accept(failed + " of " + count + " joins failed");
        }
        return out;
    }

    /**
     * {@code --warm-joins}: viewers join a throwaway broadcast of the scenario's video layer until they receive, then
     * everyone leaves, unmeasured, so that the steps' joins meet a server that has served joins before (a JVM has
     * compiled its join path by then; a freshly started one interprets it).
     */
    private void warmJoins(ServerUnderTest server) throws Exception {
        int viewers = options.warmJoins();
        if (viewers == 0) {
            return;
        }
        publishersNow = 1;
        List<Long> feeds = new ArrayList<>();
        String roomName = server.room(viewers, 1);
        List<Member> members = new ArrayList<>(joinPublishers(server, roomName, 1, feeds));
        try {
            members.addAll(joinViewers(server, roomName, viewers, 1, feeds));
            awaitMedia(members);
            log.accept(server.name() + ": " + viewers + " warm-up joins done, unmeasured");
        } finally {
            closeAll(members);
        }
    }

    /**
     * The server's CPU from the first join of a step until every new client received media, per new client, less
     * what the previous step's clients cost meanwhile at that step's steady rate: what a join costs the server.
     */
    private static double joinCpuMillisPerClient(ProcessSample start, ProcessSample end,
                                                 double steadyCpuMicrosPerSecond, int clients) {
        if (clients == 0) {
            return Double.NaN;
        }
        double seconds = (end.nanoTime() - start.nanoTime()) / 1e9;
        double joinMicros = ProcessSample.cpuMicros(start, end) - steadyCpuMicrosPerSecond * seconds;
        return Math.max(0, joinMicros) / 1000 / clients;
    }

    private void awaitMedia(List<Member> added) throws InterruptedException {
        long deadline = System.currentTimeMillis() + MEDIA_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (added.stream().allMatch(m -> !receives(m) || m.receiver.joinNanos() >= 0)) {
                return;
            }
            Thread.sleep(100);
        }
        long silent = added.stream().filter(m -> receives(m) && m.receiver.joinNanos() < 0).count();
        log.accept(silent + " of " + added.size() + " new clients received nothing within "
                + MEDIA_WAIT_MILLIS / 1000 + " s");
    }

    /** Viewers always receive; publishers only when someone else publishes too. */
    private boolean receives(Member m) {
        return !m.publishes || publishersNow > 1;
    }

    /**
     * Waits, up to {@code --settle}, until the server's JIT compiler threads used at most {@link #QUIET_TICKS} in a
     * {@link #QUIET_WINDOW_MILLIS} window: at a few hundred packets a second a JVM compiles its less frequent paths
     * for minutes, a cost a long-running server pays once. Returns the seconds waited; a server without compiler
     * threads (Janus) does not wait.
     */
    private double awaitCompilerQuiet(ServerUnderTest server, int step) throws Exception {
        long start = System.nanoTime();
        CompilerThreads before = CompilerThreads.of(server.pid());
        if (before.threads() == 0 || options.settleSeconds() <= 0) {
            return 0;
        }
        long deadline = start + options.settleSeconds() * 1_000_000_000L;
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(QUIET_WINDOW_MILLIS);
            CompilerThreads now = CompilerThreads.of(server.pid());
            if (now.cpuTicks() - before.cpuTicks() <= QUIET_TICKS) {
                double waited = (System.nanoTime() - start) / 1e9;
                log.accept(server.name() + " step " + step + ": JIT compiler quiet after " + Math.round(waited) + " s");
                return waited;
            }
            before = now;
        }
        log.accept(server.name() + " step " + step + ": JIT compiler still busy after " + options.settleSeconds()
                + " s; measuring anyway (its share is in the results)");
        return (System.nanoTime() - start) / 1e9;
    }

    private StepResult measure(ServerUnderTest server, int step, List<Member> room, List<Member> added,
                               ProcessSample idle, double settledSeconds, double joinCpuMs) throws Exception {
        long self = ProcessHandle.current().pid();
        GcLog gc = server.gcLog();
        long gcMark = gc == null ? 0 : gc.mark();
        context.metrics().swapDelays();
        long lateBefore = context.sender().lateResets();
        long sent0 = context.sender().packetsSent();
        long[] t0 = totals(room);
        long[] c0 = counters(room);
        ProcessSample s0 = ProcessSample.of(server.pid());
        CompilerThreads jit0 = CompilerThreads.of(server.pid());
        ProcessSample l0 = ProcessSample.of(self);
        // A mark for profilers attached from outside (perf, jcmd): the measured window starts now.
        log.accept(server.name() + " step " + step + ": measuring for " + options.durationSeconds() + " s, pid "
                + server.pid());
        Thread.sleep(options.durationSeconds() * 1000L);
        ProcessSample s1 = ProcessSample.of(server.pid());
        CompilerThreads jit1 = CompilerThreads.of(server.pid());
        ProcessSample l1 = ProcessSample.of(self);
        long[] t1 = totals(room);
        long[] c1 = counters(room);
        long sent = context.sender().packetsSent() - sent0;
        DelayHistogram delays = context.metrics().swapDelays();

        double seconds = (s1.nanoTime() - s0.nanoTime()) / 1e9;
        long expected = t1[0] - t0[0];
        long received = t1[1] - t0[1];
        long bytes = t1[2] - t0[2];
        double cpuMicros = ProcessSample.cpuMicros(s0, s1);
        int receivers = (int) room.stream().filter(this::receives).count();
        int withMedia = (int) room.stream().filter(m -> receives(m) && m.receiver.joinNanos() >= 0).count();
        int failed = room.stream().mapToInt(m -> m.client.failedTransports()).sum();
        List<Double> joins = new ArrayList<>();
        for (Member m : added) {
            if (receives(m) && m.receiver.joinNanos() >= 0) {
                joins.add(m.receiver.joinNanos() / 1e6);
            }
        }
        List<Double> pauses = gc == null ? List.of() : gc.pausesSince(gcMark);
        return new StepResult(server.name(), step, scenario.publishers(step), room.size(), receivers, withMedia,
                failed, seconds,
                received / seconds, bytes * 8 / seconds / 1e6,
                cpuMicros / 1e4 / seconds, received == 0 ? Double.NaN : cpuMicros / received,
                s1.rssKiB() / 1024.0, room.isEmpty() ? Double.NaN : (s1.rssKiB() - idle.rssKiB()) / (double) room.size(),
                expected, received, expected <= 0 ? Double.NaN : Math.max(0, expected - received) * 100.0 / expected,
                delays.quantileMillis(0.50), delays.quantileMillis(0.99),
                quantile(joins, 0.50), quantile(joins, 0.95), joinCpuMs,
                pauses.size(), pauses.isEmpty() ? 0 : quantile(pauses, 0.99),
                ProcessSample.cpuMicros(l0, l1) / 1e4 / seconds, context.sender().lateResets() - lateBefore,
                idleCpuPercent, c1[0] - c0[0], c1[1] - c0[1], sent * fanOut(room),
                sent == 0 ? Double.NaN : received * 100.0 / (sent * fanOut(room)),
                (jit1.cpuTicks() - jit0.cpuTicks()) * 100.0 / ProcessSample.TICKS_PER_SECOND / seconds,
                settledSeconds);
    }

    private static long[] totals(List<Member> room) {
        long[] t = new long[3];
        for (Member m : room) {
            m.receiver.addTotals(t);
        }
        return t;
    }

    /** Receivers of each publisher's streams: every receiving client but the publisher itself. */
    private long fanOut(List<Member> room) {
        long viewers = room.stream().filter(m -> !m.publishes).count();
        return viewers + (publishersNow > 1 ? publishersNow - 1 : 0);
    }

    private static long[] counters(List<Member> room) {
        long[] c = new long[2];
        for (Member m : room) {
            long[] x = m.client.transportCounters();
            c[0] += x[0];
            c[1] += x[1];
        }
        return c;
    }

    static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /**
     * Why the sweep ends after {@code r}, or null. Loss ends it only when two steps in a row pass the threshold: on a
     * shared machine one noisy step (another process taking the SFU's core) must not end the sweep at 10 viewers.
     */
    static String stopReason(StepResult r, StepResult previous, BenchOptions options) {
        if (previous != null && missed(r) > options.maxLossPercent() && missed(previous) > options.maxLossPercent()) {
            return String.format("%.2f%% and %.2f%% lost or late (> %.2f%%) in two steps in a row",
                    missed(previous), missed(r), options.maxLossPercent());
        }
        if (r.cpuPercent() >= options.saturationPercent()) {
            return String.format("SFU CPU %.0f%% (saturated)", r.cpuPercent());
        }
        if (r.receiversWithMedia() < 0.9 * r.receivers()) {
            return r.receiversWithMedia() + " of " + r.receivers() + " receivers got media";
        }
        return null;
    }

    /** Percent of the offered packets lost or not delivered within the step (queued in the SFU). */
    static double missed(StepResult r) {
        double late = Double.isNaN(r.deliveredPercent()) ? 0 : 100 - r.deliveredPercent();
        return Math.max(Double.isNaN(r.lossPercent()) ? 0 : r.lossPercent(), late);
    }

    private void closeAll(List<Member> members) throws InterruptedException {
        if (members.isEmpty()) {
            return;
        }
        join(members.size(), i -> {
            members.get(i).client.close();
            return null;
        });
        // Let the server tear the sessions down before the next step's room.
        Thread.sleep(2000);
    }

    void shutdown() {
        joiner.shutdownNow();
    }
}
