package dev.vireo.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time (utime + stime from /proc/PID/stat, proc(5)) and resident set (VmRSS from /proc/PID/status)
 * at one moment. CPU is in clock ticks of {@code USER_HZ}, which is 100 on Linux x86-64 (10 ms granularity: a 20 s
 * step at 50% CPU holds ~1000 ticks, under 0.1% rounding error).
 */
public record ProcessSample(long nanoTime, long cpuTicks, long rssKiB) {
    public static final long TICKS_PER_SECOND = 100;

    public static ProcessSample of(long pid) throws IOException {
        long now = System.nanoTime();
        long cpu = cpuTicks(Path.of("/proc", Long.toString(pid), "stat"));
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new ProcessSample(now, cpu, rss);
    }

    /** utime + stime from a process's or a thread's stat file ({@code /proc/PID[/task/TID]/stat}). */
    static long cpuTicks(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** CPU microseconds between two samples. */
    public static double cpuMicros(ProcessSample start, ProcessSample end) {
        return (end.cpuTicks - start.cpuTicks) * 1e6 / TICKS_PER_SECOND;
    }
}
