package dev.vireo.bench.server;

/**
 * A server under test that runs as a child process: how it is launched, watched until it listens, pinned and stopped
 * is the same for every server; subclasses say only what to run.
 */
abstract class LaunchedServer implements ServerUnderTest {
    private final String core;
    private Process process;
    private String command;

    /** @param core the CPU to pin the server to after start-up, or null */
    LaunchedServer(String core) {
        this.core = core;
    }

    /**
     * Starts {@code pb} (which already runs under {@link ServerProcesses#allCpus}), stops it when the load JVM ends,
     * waits until it listens on {@code port} and then pins it.
     *
     * @param shown the command line as the results should show it
     */
    final void launch(ProcessBuilder pb, String shown, int port, long timeoutMillis) throws Exception {
        command = shown;
        process = pb.start();
        ServerProcesses.stopOnExit(process);
        ServerProcesses.awaitPort(process, port, timeoutMillis);
        ServerProcesses.pin(process.pid(), core);
        if (core != null) {
            command = "taskset -a -p -c " + core + " <pid> after start: " + command;
        }
    }

    @Override
    public final long pid() {
        return process.pid();
    }

    @Override
    public final String command() {
        return command;
    }

    @Override
    public final void close() {
        ServerProcesses.stop(process);
    }
}
