package dev.vireo.bench.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The CPU time of a JVM's JIT compiler threads ({@code C1 CompilerThread0}, {@code C2 CompilerThread0}, ..., named
 * "C1 CompilerThre" / "C2 CompilerThre" in /proc, which keeps 15 characters), from each thread's
 * /proc/PID/task/TID/stat. A process without them (Janus) has none and zero ticks.
 *
 * <p>A JVM compiles a method once it has run often enough; at a few hundred packets a second that takes minutes for
 * the less frequent paths, and until then the compiler's CPU time is charged to the server in every step. A server
 * that runs for days pays it once, so the benchmark waits for it to end (see {@code --settle}) and reports what was
 * left of it during each measured step.
 *
 * @param threads  compiler threads found
 * @param cpuTicks their utime + stime, in {@link ProcessSample#TICKS_PER_SECOND} ticks
 */
public record CompilerThreads(int threads, long cpuTicks) {
    public static CompilerThreads of(long pid) throws IOException {
        int threads = 0;
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                        continue;
                    }
                    ticks += ProcessSample.cpuTicks(task.resolve("stat"));
                    threads++;
                } catch (NoSuchFileException ended) {
                    // the thread ended between listing and reading: it no longer compiles
                }
            }
        }
        return new CompilerThreads(threads, ticks);
    }
}
