package dev.vireo.bench.server;

import dev.vireo.bench.media.Receiver;
import dev.vireo.bench.signal.ClientContext;
import dev.vireo.bench.signal.JanusClient;
import dev.vireo.bench.signal.Publication;
import dev.vireo.bench.signal.SignalingClient;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Janus (Debian package, 1.1.x) with the VideoRoom plugin, configured loopback-only by the shared
 * {@code prepare.sh} (which also builds the LD_PRELOAD shim that lets Janus offer 127.0.0.1). WebSocket API on
 * 127.0.0.1:8188.
 */
public final class JanusProcess implements ServerUnderTest {
    private static final int WS_PORT = 8188;

    private final Path prepareScript;
    private final Path workDir;
    private final String core;
    private Process process;
    private String command;

    public JanusProcess(Path prepareScript, Path workDir, String core) {
        this.prepareScript = prepareScript;
        this.workDir = workDir;
        this.core = core;
    }

    @Override
    public String name() {
        return "janus";
    }

    @Override
    public void start() throws Exception {
        Path dir = workDir.resolve("janus");
        Files.createDirectories(dir);
        Process prep = new ProcessBuilder("sh", prepareScript.toString(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String printed = new String(prep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (prep.waitFor() != 0 || !printed.startsWith("LD_PRELOAD=")) {
            throw new IOException("prepare.sh failed: " + printed);
        }
        // "LD_PRELOAD=/x/noloopflag.so janus -C ... -F ... -o"
        String line = printed.lines().reduce((a, b) -> b).orElseThrow();
        List<String> words = new ArrayList<>(Arrays.asList(line.split(" ")));
        String preload = words.remove(0).substring("LD_PRELOAD=".length());
        List<String> full = ServerProcesses.allCpus(words);
        command = "LD_PRELOAD=" + preload + " " + String.join(" ", full);
        ProcessBuilder pb = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("janus.log").toFile());
        pb.environment().put("LD_PRELOAD", preload);
        process = pb.start();
        ServerProcesses.awaitPort(process, WS_PORT, 30_000);
        ServerProcesses.pin(process.pid(), core);
        if (core != null) {
            command = "taskset -a -p -c " + core + " <pid> after start: " + command;
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String command() {
        return command;
    }

    @Override
    public String room(int step, int publishers) throws Exception {
        long id = 100_000 + ThreadLocalRandom.current().nextInt(900_000);
        JanusClient.createRoom(uri(), id, Math.max(publishers, 1));
        return Long.toString(id);
    }

    @Override
    public SignalingClient client(ClientContext context, Publication publication, Receiver receiver) {
        return new JanusClient(uri(), context, publication, receiver);
    }

    private static URI uri() {
        return URI.create("ws://127.0.0.1:" + WS_PORT + "/");
    }

    @Override
    public GcLog gcLog() {
        return null;
    }

    @Override
    public void close() {
        ServerProcesses.stop(process);
    }
}
