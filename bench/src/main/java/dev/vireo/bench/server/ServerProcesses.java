package dev.vireo.bench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** Helpers for starting and stopping server processes on loopback. */
public final class ServerProcesses {
    private ServerProcesses() {
    }

    /**
     * A port free for both UDP and TCP on 127.0.0.1 right now, below Linux's ephemeral range (32768+): load clients
     * and other processes on the machine open ephemeral ports all the time and could take one between this probe and
     * the server's bind.
     */
    static int freePort() throws IOException {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = r.nextInt(10_000, 19_999);
            try (ServerSocket t = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress());
                 ServerSocket t2 = new ServerSocket(port + 1, 1, java.net.InetAddress.getLoopbackAddress());
                 java.net.DatagramSocket u = new java.net.DatagramSocket(port, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port pair in 10000-19999 on 127.0.0.1");
    }

    /** The machine's online CPUs as taskset reads them ("0-1"), whatever this process is pinned to. */
    public static String onlineCpus() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/sys/devices/system/cpu/online")).trim();
        } catch (IOException e) {
            return "0";
        }
    }

    /** How many CPUs are online (not just those this process may use). */
    public static int onlineCpuCount() {
        int n = 0;
        for (String part : onlineCpus().split(",")) {
            String[] r = part.split("-");
            n += r.length == 1 ? 1 : Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1;
        }
        return n;
    }

    /**
     * Launch prefix giving the server every online CPU (the load JVM that starts it may be pinned to one, and a
     * child inherits that); {@link #pin} narrows it once the server is up.
     */
    public static java.util.List<String> allCpus(java.util.List<String> command) {
        java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of("taskset", "-c", onlineCpus()));
        out.addAll(command);
        return out;
    }

    /**
     * Pins every thread of a running process to {@code core} ({@code taskset -a -p -c}); threads it starts later
     * inherit the affinity. Done after start-up rather than by launching under taskset: a JVM that starts on one CPU
     * sizes its pools for one, and Vireo then cannot bind its media port (reported as a bug).
     */
    public static void pin(long pid, String core) throws IOException, InterruptedException {
        if (core == null) {
            return;
        }
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", core, Long.toString(pid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException("taskset -a -p -c " + core + " " + pid + " failed");
        }
    }

    /** Waits until something listens on 127.0.0.1:port, or fails when the process exits or time runs out. */
    static void awaitPort(Process p, int port, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("server exited with status " + p.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("server did not listen on port " + port + " within " + timeoutMillis + " ms");
    }

    /** Stops the server when the load JVM ends, including by SIGTERM or Ctrl-C, so no server outlives a run. */
    static void stopOnExit(Process p) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(p), "bench-stop-server"));
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
