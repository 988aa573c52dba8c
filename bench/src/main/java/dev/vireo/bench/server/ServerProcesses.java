package dev.vireo.bench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Helpers for starting and stopping server processes on loopback. */
final class ServerProcesses {
    private ServerProcesses() {
    }

    /** A TCP port free on 127.0.0.1 right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Prefixes {@code taskset -c CORE} when pinning is asked for and taskset exists. */
    static List<String> pinned(String core, List<String> command) {
        List<String> out = new ArrayList<>();
        if (core != null) {
            out.add("taskset");
            out.add("-c");
            out.add(core);
        }
        out.addAll(command);
        return out;
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
