package dev.vireo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The capture agent ({@code dev.vireo.agent.Main}) as a child JVM started from the test classpath, with its
 * status served on a free loopback port and its output in a file the failure message quotes.
 */
final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int statusPort;
    private final HttpClient http = HttpClient.newHttpClient();

    private AgentProcess(Process process, Path log, int statusPort) {
        this.process = process;
        this.log = log;
        this.statusPort = statusPort;
    }

    /** Starts the agent with {@code args} plus {@code --status-port}. */
    static AgentProcess start(String... args) {
        try {
            int port = freePort();
            Path log = Files.createTempFile("vireo-agent-", ".log");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.vireo.agent.Main"));
            cmd.addAll(List.of(args));
            cmd.addAll(List.of("--status-port", Integer.toString(port)));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new AgentProcess(p, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The agent's status JSON, or null while it does not answer. */
    JsonObject status() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statusPort + "/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JsonParser.parseString(r.body()).getAsJsonObject() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the agent says it is publishing, on a connection that became live at or after {@code since}. */
    JsonObject awaitPublishing(long sinceMillis, Duration timeout) {
        return Poll.until("the agent to publish (since " + sinceMillis + ")", timeout, Duration.ofMillis(50), () -> {
            JsonObject s = status();
            return s != null && "publishing".equals(s.get("state").getAsString())
                    && s.get("publishingSince").getAsLong() >= sinceMillis ? s : null;
        }, this::output);
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the agent still runs after " + timeout.toMillis() + " ms\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        try {
            return "---- agent output ----\n" + Files.readString(log);
        } catch (IOException e) {
            return "agent output unavailable: " + e;
        }
    }

    List<String> outputLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as systemd stops it; killed if it has not left within 5 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
