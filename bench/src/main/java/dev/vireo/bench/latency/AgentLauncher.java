package dev.vireo.bench.latency;

import java.io.IOException;
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
 * The capture agent ({@code dev.vireo.agent.Main}, from capture-agent/target) as a child JVM publishing its test
 * pattern, whose barcode the harness page reads. Its status JSON on a loopback port says when it publishes.
 */
final class AgentLauncher implements AutoCloseable {
    private final Process process;
    private final int statusPort;
    private final Path log;
    private final String command;
    private final HttpClient http = HttpClient.newHttpClient();

    private AgentLauncher(Process process, int statusPort, Path log, String command) {
        this.process = process;
        this.statusPort = statusPort;
        this.log = log;
        this.command = command;
    }

    /**
     * @param target where to publish: {@code --server URL --room R} (Vireo signaling) or {@code --whip URL --token T}
     */
    static AgentLauncher start(String classpath, List<String> target, Path workDir, int statusPort)
            throws IOException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve("agent.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, "dev.vireo.agent.Main"));
        cmd.addAll(target);
        cmd.addAll(List.of("--name", "latency-camera", "--source", "test-pattern", "--size", "1280x720",
                "--fps", "30", "--status-port", Integer.toString(statusPort)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // The command goes into the results: never with the token.
        int token = cmd.indexOf("--token");
        List<String> shown = new ArrayList<>(cmd);
        if (token >= 0 && token + 1 < shown.size()) {
            shown.set(token + 1, "<publish token>");
        }
        return new AgentLauncher(p, statusPort, log, String.join(" ", shown));
    }

    String command() {
        return command;
    }

    /** Waits until the agent publishes and returns its participant id in the room (empty over WHIP). */
    String awaitPublishing(Duration timeout) throws IOException, InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the agent exited (" + process.exitValue() + "): "
                        + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + statusPort + "/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonObject s = JsonParser.parseString(r.body()).getAsJsonObject();
                if ("publishing".equals(s.get("state").getAsString())) {
                    return s.get("participantId").getAsString();
                }
            } catch (IOException | RuntimeException notYet) {
                // not listening yet, or not publishing yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the agent did not publish within " + timeout + ": " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
