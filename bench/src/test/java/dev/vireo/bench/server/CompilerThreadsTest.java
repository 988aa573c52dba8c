package dev.vireo.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The JIT compiler's CPU is found in a JVM and nowhere else. */
class CompilerThreadsTest {
    @Test
    void aJvmHasCompilerThreadsWhoseTimeGrowsWhileItCompiles() throws Exception {
        CompilerThreads before = CompilerThreads.of(ProcessHandle.current().pid());
        assertTrue(before.threads() >= 1, "this JVM's C1/C2 threads: " + before);
        CompilerThreads after = before;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long sink = 0;
        // Fresh code keeps the compiler busy: each lambda class is new, so its methods are compiled anew.
        for (int round = 0; after.cpuTicks() == before.cpuTicks() && System.nanoTime() < deadline; round++) {
            for (int i = 0; i < 200; i++) {
                int k = i + round;
                java.util.function.IntUnaryOperator op = x -> x * 31 + k;
                for (int j = 0; j < 20_000; j++) {
                    sink += op.applyAsInt(j);
                }
            }
            after = CompilerThreads.of(ProcessHandle.current().pid());
        }
        assertTrue(after.cpuTicks() > before.cpuTicks(), "no compiler CPU seen in 20 s (" + sink + ")");
    }

    @Test
    void aProcessWithoutAJitHasNone() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            assertEquals(new CompilerThreads(0, 0), CompilerThreads.of(sleep.pid()));
        } finally {
            sleep.destroy();
        }
    }
}
