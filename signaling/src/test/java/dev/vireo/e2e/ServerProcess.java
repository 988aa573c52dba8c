package dev.vireo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Vireo server as a child JVM ({@code dev.vireo.server.Main server}) on fixed loopback ports, so it can be
 * killed and started again at the same address, as a server restart looks to its clients. Media only from
 * 127.0.0.0/8, like {@link VireoTestServer}.
 */
final class ServerProcess implements AutoCloseable {
    private final int httpPort;
    private final int signalingPort;
    private final int mediaPort;
    private final Path dir;
    private Process process;

    ServerProcess() {
        try {
            httpPort = AgentProcess.freePort();
            signalingPort = AgentProcess.freePort();
            mediaPort = AgentProcess.freePort();
            dir = Files.createTempDirectory("vireo-e2e-server-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server and returns once its signaling port accepts connections (the moment it is reachable). */
    long start() {
        try {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.vireo.server.Main", "server",
                    "--bind", "127.0.0.1", "--public-ip", "127.0.0.1", "--allowed-networks", "127.0.0.0/8",
                    "--http-port", Integer.toString(httpPort), "--signaling-port", Integer.toString(signalingPort),
                    "--media-port", Integer.toString(mediaPort), "--data-dir", dir.resolve("data").toString());
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Poll.until("the server to accept signaling connections", Duration.ofSeconds(60), Duration.ofMillis(20),
                () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("server exited with " + process.exitValue());
                    }
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", signalingPort), 200);
                        return System.currentTimeMillis();
                    } catch (IOException e) {
                        return null;
                    }
                }, this::log);
    }

    /** Kills the server outright (SIGKILL): no bye, no clean close, as a crash or power cut. */
    void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server gracefully (SIGTERM) and waits for it to exit; {@link #start()} starts it again. */
    void stop() {
        try {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not stop within 30 s\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String signalingUrl() {
        return "ws://127.0.0.1:" + signalingPort + "/";
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The admin key the server created in its data directory on first start. */
    String adminKey() {
        try {
            return Files.readString(dir.resolve("data").resolve("admin-key")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String viewerUrl(String room) {
        return "http://127.0.0.1:" + httpPort + "/room/" + URLEncoder.encode(room, StandardCharsets.UTF_8)
                + "?name=viewer&autojoin=1&audio=0&video=0";
    }

    String log() {
        try {
            return "---- server log ----\n" + Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "server log unavailable: " + e;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
