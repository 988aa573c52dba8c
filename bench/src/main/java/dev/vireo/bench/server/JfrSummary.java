package dev.vireo.bench.server;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the SFU's CPU and memory went, from a JFR recording (the {@code profile} settings), read with the JDK's own
 * recording parser:
 * <ul>
 *   <li>execution samples: the methods on top of the sampled stacks (self time), the methods anywhere on them (total
 *       time), and the threads, as shares of all samples. Only threads running Java code are sampled: time inside
 *       a system call such as {@code sendto} is counted under the Java method that called it;</li>
 *   <li>allocation samples, weighted by the bytes they stand for: by class and by the first frames of the allocating
 *       stack;</li>
 *   <li>old-object samples (objects still alive at the end of the recording): by class and allocation site;</li>
 *   <li>garbage collections: count, total and longest pause, by cause.</li>
 * </ul>
 */
public final class JfrSummary {
    /** Frames of an allocation stack that name its site. */
    private static final int SITE_FRAMES = 4;

    private JfrSummary() {
    }

    public static String summarize(Path recording, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> allocByClass = new HashMap<>();
        Map<String, Long> allocBySite = new HashMap<>();
        Map<String, Long> oldByClass = new HashMap<>();
        Map<String, Long> oldBySite = new HashMap<>();
        Map<String, long[]> gcByCause = new HashMap<>();
        long samples = 0;
        long allocBytes = 0;
        long oldObjects = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            switch (e.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    RecordedStackTrace st = e.getStackTrace();
                    if (st == null || st.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    List<RecordedFrame> frames = st.getFrames();
                    self.merge(name(frames.get(0)), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame f : frames) {
                        String n = name(f);
                        if (seen.add(n)) {
                            total.merge(n, 1L, Long::sum);
                        }
                    }
                    threads.merge(threadGroup(e.getThread("sampledThread")), 1L, Long::sum);
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = e.getLong("weight");
                    allocBytes += weight;
                    allocByClass.merge(e.getClass("objectClass").getName(), weight, Long::sum);
                    allocBySite.merge(site(e.getStackTrace()), weight, Long::sum);
                }
                case "jdk.OldObjectSample" -> {
                    oldObjects++;
                    oldByClass.merge(e.getValue("object.type.name"), 1L, Long::sum);
                    oldBySite.merge(site(e.getStackTrace()), 1L, Long::sum);
                }
                case "jdk.GarbageCollection" -> {
                    long pause = e.getDuration("longestPause").toNanos();
                    long[] agg = gcByCause.computeIfAbsent(e.getString("name") + " / " + e.getString("cause"),
                            k -> new long[3]);
                    agg[0]++;
                    agg[1] += e.getDuration("sumOfPauses").toNanos();
                    agg[2] = Math.max(agg[2], pause);
                }
                default -> { }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(samples).append(" execution samples\n\nself (top of stack):\n");
        append(sb, self, samples, top);
        sb.append("\ntotal (anywhere on the stack):\n");
        append(sb, total, samples, top);
        sb.append("\nthreads (digits folded):\n");
        append(sb, threads, samples, 15);
        sb.append(String.format(Locale.ROOT, "%nallocation samples: %.1f MiB in all%nby class:%n",
                allocBytes / 1048576.0));
        append(sb, allocByClass, allocBytes, 15);
        sb.append("by site (top frames):\n");
        append(sb, allocBySite, allocBytes, 25);
        sb.append("\nold objects (alive at the end): ").append(oldObjects).append(" samples\nby class:\n");
        append(sb, oldByClass, oldObjects, 15);
        sb.append("by allocation site:\n");
        append(sb, oldBySite, oldObjects, 15);
        sb.append("\ngarbage collections (count, total pause ms, longest pause ms):\n");
        gcByCause.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .forEach(en -> sb.append(String.format(Locale.ROOT, "%6d %9.1f %9.1f  %s%n", en.getValue()[0],
                        en.getValue()[1] / 1e6, en.getValue()[2] / 1e6, en.getKey())));
        return sb.toString();
    }

    private static void append(StringBuilder sb, Map<String, Long> counts, long all, int top) {
        counts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(top)
                .forEach(en -> sb.append(String.format(Locale.ROOT, "%6.2f%%  %s%n",
                        en.getValue() * 100.0 / Math.max(1, all), en.getKey())));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** The first frames of a stack, innermost first, with line numbers. */
    private static String site(RecordedStackTrace st) {
        if (st == null || st.getFrames().isEmpty()) {
            return "(no stack)";
        }
        StringBuilder sb = new StringBuilder();
        List<RecordedFrame> frames = st.getFrames();
        for (int i = 0; i < Math.min(SITE_FRAMES, frames.size()); i++) {
            RecordedFrame f = frames.get(i);
            if (i > 0) {
                sb.append(" <- ");
            }
            sb.append(shortName(f)).append(':').append(f.getLineNumber());
        }
        return sb.toString();
    }

    private static String shortName(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    /** A thread's name with its numbers folded, so a pool's threads add up: "vireo-media-0" -> "vireo-media-#". */
    private static String threadGroup(RecordedThread thread) {
        if (thread == null) {
            return "(unknown)";
        }
        String n = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return n == null ? "(unnamed)" : n.replaceAll("\\d+", "#");
    }
}
