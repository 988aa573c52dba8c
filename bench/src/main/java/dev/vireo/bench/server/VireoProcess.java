package dev.vireo.bench.server;

import dev.vireo.bench.media.Receiver;
import dev.vireo.bench.signal.ClientContext;
import dev.vireo.bench.signal.Publication;
import dev.vireo.bench.signal.SignalingClient;
import dev.vireo.bench.signal.VireoClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Vireo started as its own JVM ({@code dev.vireo.server.Main server}) on 127.0.0.1 with free ports, media allowed
 * from 127.0.0.0/8 only, a GC log for pause times and, when pinning, on its own core.
 */
public final class VireoProcess extends LaunchedServer {
    private final String classpath;
    private final Path workDir;
    private final List<String> jvmOptions;
    private final GcLog gcLog;
    private int signalingPort;
    private int httpPort;

    /**
     * @param classpath the server's classpath (signaling classes and runtime jars)
     * @param core      the CPU to pin the server to, or null
     */
    public VireoProcess(String classpath, Path workDir, String core, List<String> jvmOptions) {
        super(core);
        this.classpath = classpath;
        this.workDir = workDir;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.gcLog = new GcLog(workDir.resolve("vireo-gc.log"));
    }

    @Override
    public String name() {
        return "vireo";
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(workDir);
        Files.deleteIfExists(gcLog.file());
        int http = ServerProcesses.freePort();
        httpPort = http;
        signalingPort = http + 1;
        int media = http;   // UDP; the same number as HTTP's TCP port, probed free for both
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Xlog:gc:file=" + gcLog.file());
        cmd.addAll(List.of("-cp", classpath, "dev.vireo.server.Main", "server",
                "--bind", "127.0.0.1", "--public-ip", "127.0.0.1", "--allowed-networks", "127.0.0.0/8",
                "--http-port", Integer.toString(http), "--signaling-port", Integer.toString(signalingPort),
                "--media-port", Integer.toString(media), "--data-dir", dataDir().toString(),
                "--log-level", "WARNING"));
        List<String> full = ServerProcesses.allCpus(cmd);
        ProcessBuilder pb = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("vireo.log").toFile());
        // HTTP opens last (after signaling and the streams' database): waiting for signaling alone let a page load
        // race the server's start-up (the latency benchmark's Chromium once got "connection refused")
        launch(pb, String.join(" ", full), http, 60_000);
    }

    /** The server's data directory: its generated admin key is {@code admin-key} there. */
    public Path dataDir() {
        return workDir.resolve("vireo-data");
    }

    /** The web pages' port (the latency harness page), once started. */
    public int httpPort() {
        return httpPort;
    }

    /** The signaling WebSocket's URL, once started. */
    public String signalingUrl() {
        return "ws://127.0.0.1:" + signalingPort + "/";
    }

    @Override
    public String room(int step, int publishers) {
        return "bench-" + step + "-" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
    }

    @Override
    public SignalingClient client(ClientContext context, Publication publication, Receiver receiver) {
        return new VireoClient(URI.create("ws://127.0.0.1:" + signalingPort + "/"), context, publication, receiver);
    }

    @Override
    public GcLog gcLog() {
        return gcLog;
    }
}
