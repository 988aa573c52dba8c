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
 * {@code prepare.sh} (which also builds the LD_PRELOAD shim that lets Janus offer 127.0.0.1). Its HTTP and WebSocket
 * API ports are moved to free ones (the WebSocket API is used), so another Janus on 8088/8188 cannot answer instead.
 */
public final class JanusProcess extends LaunchedServer {
    private final Path prepareScript;
    private final Path workDir;
    private int wsPort;

    public JanusProcess(Path prepareScript, Path workDir, String core) {
        super(core);
        this.prepareScript = prepareScript;
        this.workDir = workDir;
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
        // Other Janus instances may run on this machine (8088/8188 are the defaults): take free ports of our own.
        int http = ServerProcesses.freePort();
        wsPort = http + 1;
        replaceIn(dir.resolve("etc/janus.transport.http.jcfg"), "port = 8088", "port = " + http);
        replaceIn(dir.resolve("etc/janus.transport.websockets.jcfg"), "ws_port = 8188", "ws_port = " + wsPort);
        // "LD_PRELOAD=/x/noloopflag.so janus -C ... -F ... -o"
        String line = printed.lines().reduce((a, b) -> b).orElseThrow();
        List<String> words = new ArrayList<>(Arrays.asList(line.split(" ")));
        String preload = words.remove(0).substring("LD_PRELOAD=".length());
        List<String> full = ServerProcesses.allCpus(words);
        ProcessBuilder pb = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("janus.log").toFile());
        pb.environment().put("LD_PRELOAD", preload);
        launch(pb, "LD_PRELOAD=" + preload + " " + String.join(" ", full), wsPort, 30_000);
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

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + wsPort + "/");
    }

    private static void replaceIn(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new IOException(file + " has no '" + from + "' to replace");
        }
        Files.writeString(file, text.replace(from, to));
    }

    @Override
    public GcLog gcLog() {
        return null;
    }
}
