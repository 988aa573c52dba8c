package dev.vireo.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn (Debian {@code coturn}) on 127.0.0.1 for one test, started with the project's own development
 * script ({@code turn-config/dev-turnserver.sh}) and stopped by its PID: loopback listener, loopback relay
 * addresses, time-limited credentials from a random shared secret.
 */
final class Coturn implements AutoCloseable {
    private static final Path SCRIPT = Path.of("..", "turn-config", "dev-turnserver.sh");
    private static final Duration START = Duration.ofSeconds(15);

    private final Process process;
    private final int port;
    private final String secret;
    private final Path dir;
    private final Path log;
    private final List<String> output = new ArrayList<>();

    private Coturn(Process process, int port, String secret, Path dir) {
        this.process = process;
        this.dir = dir;
        this.log = dir.resolve("turnserver.log");
        this.port = port;
        this.secret = secret;
    }

    /** Starts coturn and returns once it answers a STUN Binding request. */
    static Coturn start() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        int port = freeUdpPort();
        // A relay range of its own; coturn skips ports that are taken.
        int minRelay = 50000 + new SecureRandom().nextInt(150) * 50;
        try {
            Path dir = Files.createTempDirectory("vireo-coturn-");
            ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "--port", String.valueOf(port),
                    "--relay-ports", minRelay + "-" + (minRelay + 49), "--dir", dir.toString())
                    .redirectErrorStream(true);
            builder.environment().put("VIREO_TURN_SECRET", secret);
            Coturn coturn = new Coturn(builder.start(), port, secret, dir);
            coturn.collectOutput();
            coturn.awaitReady();
            return coturn;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start coturn with " + SCRIPT, e);
        }
    }

    int port() {
        return port;
    }

    /** The {@code static-auth-secret}, for the Vireo server under test. */
    String secret() {
        return secret;
    }

    String url() {
        return "turn:127.0.0.1:" + port + "?transport=udp";
    }

    /** What the script printed (coturn itself logs to {@link #log}). */
    List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** coturn's log so far: sessions, allocations and refusals with their usernames. */
    List<String> log() {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collectOutput() {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException ended) {
                // The process is gone.
            }
        }, "coturn-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** A STUN Binding request (RFC 8489 section 5) until coturn answers. */
    private void awaitReady() {
        byte[] request = new byte[20];
        request[1] = 0x01; // Binding request, length 0
        request[4] = 0x21;
        request[5] = 0x12;
        request[6] = (byte) 0xA4;
        request[7] = 0x42; // magic cookie
        byte[] transactionId = new byte[12];
        new SecureRandom().nextBytes(transactionId);
        System.arraycopy(transactionId, 0, request, 8, transactionId.length);
        long deadline = System.nanoTime() + START.toNanos();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(200);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("coturn exited with " + process.exitValue() + ":\n"
                            + String.join("\n", output()) + "\n" + String.join("\n", log()));
                }
                socket.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
                try {
                    DatagramPacket reply = new DatagramPacket(new byte[512], 512);
                    socket.receive(reply);
                    if (reply.getLength() >= 20 && reply.getData()[0] == 0x01 && reply.getData()[1] == 0x01) {
                        return; // Binding success response
                    }
                } catch (SocketTimeoutException notYet) {
                    // try again
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        close();
        throw new IllegalStateException("coturn did not answer on 127.0.0.1:" + port + " within " + START + ":\n"
                + String.join("\n", output()) + "\n" + String.join("\n", log()));
    }

    private static int freeUdpPort() {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops coturn by its own PID (the script execs it). */
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
        // The folder holds the secret (in the config) and the log.
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.out.println("could not delete " + dir + ": " + e);
        }
    }
}
