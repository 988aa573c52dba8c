package dev.vireo.bench.server;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
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
 * Where the SFU's CPU went, from the execution samples of a JFR recording: the methods on top of the sampled stacks
 * (self time) and the methods anywhere on them (total time), as shares of all samples. Read with the JDK's own
 * recording parser; no external tool.
 */
public final class JfrSummary {
    private JfrSummary() {
    }

    public static String summarize(Path recording, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = st.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (seen.add(n)) {
                    total.merge(n, 1, Integer::sum);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(samples).append(" execution samples\n\nself (top of stack):\n");
        append(sb, self, samples, top);
        sb.append("\ntotal (anywhere on the stack):\n");
        append(sb, total, samples, top);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(top)
                .forEach(en -> sb.append(String.format(Locale.ROOT, "%6.2f%%  %s%n",
                        en.getValue() * 100.0 / Math.max(1, samples), en.getKey())));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
