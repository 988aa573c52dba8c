package dev.vireo.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results of one run: JSON for the record, one console line per step, a Markdown table for the docs. */
final class Report {
    private Report() {
    }

    /** Everything about one run; written as the results JSON. */
    record Run(String scenario, String date, String command, Map<String, String> machine, Map<String, String> load,
               Map<String, String> servers, List<StepResult> steps) {
    }

    static void writeJson(Run run, Path file) throws IOException {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, gson.toJson(run) + "\n");
    }

    static String line(StepResult r) {
        return String.format(Locale.ROOT,
                "%-5s step %4d: %4d/%4d receiving, %8.0f pps (%.1f%% of offered) %7.1f Mbit/s, SFU CPU %5.1f%% (JIT %.1f%%) = %6.2f us/pkt, "
                        + "RSS %6.1f MiB, loss %.3f%%, delay p50 %.2f p99 %.2f ms, join p50 %.0f p95 %.0f ms (CPU %.1f ms each), "
                        + "GC p99 %.1f ms, load CPU %.0f%%, SFU idle %.1f%%, SRTP rejected %d, send drops %d",
                r.server(), r.step(), r.receiversWithMedia(), r.receivers(), r.packetsPerSecond(),
                r.deliveredPercent(), r.mbitPerSecond(), r.cpuPercent(), r.compilerCpuPercent(), r.cpuMicrosPerPacket(),
                r.rssMiB(), r.lossPercent(), r.delayP50Ms(), r.delayP99Ms(), r.joinP50Ms(), r.joinP95Ms(), r.joinCpuMs(), r.gcPauseP99Ms(), r.loadCpuPercent(),
                r.idleCpuPercent(), r.srtpRejected(), r.sendDrops());
    }

    /** A Markdown table with both servers' rows for every step. */
    static String markdown(Run run) {
        StringBuilder sb = new StringBuilder();
        sb.append("| server | step | receiving | fwd pkt/s | delivered % | Mbit/s | SFU CPU % | CPU-µs/pkt | RSS MiB | KiB/participant "
                + "| loss % | delay p50/p99 ms | join p50/p95 ms | join CPU ms | GC p99 ms | load CPU % |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StepResult r : run.steps()) {
            sb.append(String.format(Locale.ROOT,
                    "| %s | %d | %d/%d | %.0f | %.1f | %.1f | %.1f | **%.2f** | %.0f | %.0f | %.3f | %.2f / %.2f | %.0f / %.0f | %.1f | %s | %.0f |\n",
                    r.server(), r.step(), r.receiversWithMedia(), r.receivers(), r.packetsPerSecond(),
                    r.deliveredPercent(), r.mbitPerSecond(), r.cpuPercent(), r.cpuMicrosPerPacket(), r.rssMiB(), r.rssPerParticipantKiB(),
                    r.lossPercent(), r.delayP50Ms(), r.delayP99Ms(), r.joinP50Ms(), r.joinP95Ms(), r.joinCpuMs(),
                    r.server().equals("vireo") ? String.format(Locale.ROOT, "%.1f", r.gcPauseP99Ms()) : "–",
                    r.loadCpuPercent()));
        }
        return sb.toString();
    }
}
