package dev.vireo.bench.floor;

import dev.vireo.bench.media.DelayHistogram;
import dev.vireo.bench.server.ProcessSample;
import dev.vireo.bench.server.ServerProcesses;
import dev.vireo.peer.PeerReactor;
import dev.vireo.rtp.RtpPacket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./vireo bench floor [--steps 10,50,100,200] [--duration S] [--warmup S] [--no-pin] [--receivers spin|sleep]}:
 * what one forwarded packet costs on this machine at the least, measured like the SFU. For each fan-out N it starts a
 * {@link FloorForwarder} process (pinned to core 0 as the benchmark pins the SFU), feeds it the broadcast scenario's
 * publisher traffic in the same shape (350 packets/s: 30 frames/s of 10 video packets of 1100 bytes sent back to
 * back, a 4x key frame every 4 s, 50 audio packets of 100 bytes) and receives its output on N loopback sockets read
 * by one thread in this process (core 1, like the load clients, and like them spinning rather than sleeping unless
 * {@code --receivers sleep}: see {@link PeerReactor.Wait}); it reports the forwarder's CPU time (utime + stime) per
 * packet received, and the delay it added (send to receive, p50 and p99), with and without SRTP. The gap between
 * this and the SFU's figures is what the SFU's own work costs; these are what no SFU on this machine can go below.
 */
public final class FloorBench {
    private static final int FRAME_PACKETS = 10;
    private static final long FRAME_NANOS = 1_000_000_000L / 30;
    private static final int KEYFRAME_FACTOR = 4;
    private static final long KEYFRAME_INTERVAL_NANOS = 4_000_000_000L;
    private static final long AUDIO_NANOS = 20_000_000L;
    /** Where the send time sits: after the 12-byte header, the extension's 4-byte header and the element's byte. */
    private static final int STAMP_OFFSET = 17;
    private static final int STAMP_BYTES = 8;

    private FloorBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> steps = List.of(10, 50, 100, 200);
        int duration = 10;
        int warmup = 5;
        boolean pin = true;
        boolean spin = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--steps" -> steps = parseSteps(args[++i]);
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--no-pin" -> pin = false;
                case "--receivers" -> spin = switch (args[++i]) {
                    case "spin" -> true;
                    case "sleep" -> false;
                    default -> throw new IllegalArgumentException("--receivers is spin or sleep");
                };
                default -> {
                    System.err.println("bench floor: unknown option " + args[i]
                            + "\nusage: ./vireo bench floor [--steps 10,50,100,200] [--duration S] [--warmup S]"
                            + " [--no-pin] [--receivers spin|sleep]");
                    System.exit(2);
                }
            }
        }
        System.out.println("| fan-out | forwarder | fwd pkt/s | forwarder CPU % | CPU-µs/pkt | added delay p50 / p99 ms |");
        System.out.println("|---:|---|---:|---:|---:|---:|");
        for (int fanout : steps) {
            for (boolean srtp : new boolean[] {false, true}) {
                System.out.println(step(fanout, srtp, duration, warmup, pin, spin));
            }
        }
    }

    private static List<Integer> parseSteps(String list) {
        List<Integer> out = new ArrayList<>();
        for (String s : list.split(",")) {
            out.add(Integer.parseInt(s.trim()));
        }
        return out;
    }

    private static String step(int fanout, boolean srtp, int duration, int warmup, boolean pin,
                               boolean spin) throws Exception {
        List<DatagramChannel> receivers = new ArrayList<>();
        Selector selector = Selector.open();
        LongAdder received = new LongAdder();
        AtomicReference<DelayHistogram> delays = new AtomicReference<>(new DelayHistogram());
        AtomicBoolean running = new AtomicBoolean(true);
        Process forwarder = null;
        try {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), FloorForwarder.class.getName(),
                    srtp ? "srtp" : "plain"));
            for (int i = 0; i < fanout; i++) {
                DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                c.configureBlocking(false);
                c.register(selector, SelectionKey.OP_READ);
                receivers.add(c);
                command.add(Integer.toString(((InetSocketAddress) c.getLocalAddress()).getPort()));
            }
            Thread reader = new Thread(() -> read(selector, received, delays, running, spin), "floor-receivers");
            reader.start();
            forwarder = new ProcessBuilder(ServerProcesses.allCpus(command))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(forwarder.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null || !first.startsWith("port ")) {
                throw new IOException("the forwarder did not start: " + first);
            }
            int port = Integer.parseInt(first.substring(5).trim());
            if (pin) {
                ServerProcesses.pin(forwarder.pid(), "0");
            }
            Thread source = new Thread(() -> send(port, running), "floor-source");
            source.start();
            TimeUnit.SECONDS.sleep(warmup);
            ProcessSample before = ProcessSample.of(forwarder.pid());
            long receivedBefore = received.sum();
            delays.set(new DelayHistogram());
            TimeUnit.SECONDS.sleep(duration);
            ProcessSample after = ProcessSample.of(forwarder.pid());
            long packets = received.sum() - receivedBefore;
            double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
            double cpuMicros = ProcessSample.cpuMicros(before, after);
            running.set(false);
            source.join();
            DelayHistogram delay = delays.get();
            return String.format(Locale.ROOT, "| %d | %s | %.0f | %.1f | **%.2f** | %.2f / %.2f |", fanout,
                    srtp ? "copy + SRTP (AES-GCM) + send" : "copy + send", packets / seconds,
                    cpuMicros / 1e4 / seconds, packets == 0 ? Double.NaN : cpuMicros / packets,
                    delay.quantileMillis(0.5), delay.quantileMillis(0.99));
        } finally {
            running.set(false);
            if (forwarder != null) {
                forwarder.destroyForcibly().waitFor();
            }
            selector.wakeup();
            for (DatagramChannel c : receivers) {
                c.close();
            }
            selector.close();
        }
    }

    /**
     * The broadcast publisher's traffic, shaped as the load tool's publishers send it: 30 video frames a second of
     * {@link #FRAME_PACKETS} packets of 1100 bytes back to back, a key frame of {@link #KEYFRAME_FACTOR} times that
     * every {@link #KEYFRAME_INTERVAL_NANOS}, and a 100-byte audio packet every 20 ms. Each packet carries its send
     * time in a one-byte header extension (id 1, RFC 8285), which SRTP leaves in the clear, so the receivers can
     * measure the forwarder's added delay whether or not it encrypts.
     */
    private static void send(int port, AtomicBoolean running) {
        try (DatagramChannel c = DatagramChannel.open()) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
            byte[] packet = new byte[1100];
            packet[0] = (byte) 0x90; // version 2, extension
            packet[1] = 96;
            RtpPacket.setSsrc(packet, 0, 0x1234);
            packet[12] = (byte) 0xBE;
            packet[13] = (byte) 0xDE;
            packet[15] = 3; // 12 bytes of extension: id 1, 8 bytes of send time, 3 of padding
            packet[16] = (byte) ((1 << 4) | (STAMP_BYTES - 1));
            ByteBuffer view = ByteBuffer.wrap(packet);
            long start = System.nanoTime();
            long nextFrame = start;
            long nextAudio = start;
            long nextKeyframe = start;
            int seq = 0;
            while (running.get()) {
                long now = System.nanoTime();
                if (now - nextFrame >= 0) {
                    int count = FRAME_PACKETS;
                    if (now - nextKeyframe >= 0) {
                        count *= KEYFRAME_FACTOR;
                        nextKeyframe += KEYFRAME_INTERVAL_NANOS;
                    }
                    for (int i = 0; i < count; i++) {
                        sendStamped(c, view, packet, seq++, packet.length, to);
                    }
                    nextFrame += FRAME_NANOS;
                }
                if (now - nextAudio >= 0) {
                    sendStamped(c, view, packet, seq++, 100, to);
                    nextAudio += AUDIO_NANOS;
                }
                LockSupport.parkNanos(Math.min(nextFrame, nextAudio) - System.nanoTime());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sendStamped(DatagramChannel c, ByteBuffer view, byte[] packet, int seq, int length,
                                    InetSocketAddress to) throws IOException {
        packet[2] = (byte) (seq >> 8);
        packet[3] = (byte) seq;
        long now = System.nanoTime();
        for (int i = 0; i < STAMP_BYTES; i++) {
            packet[STAMP_OFFSET + i] = (byte) (now >>> (56 - 8 * i));
        }
        view.clear().limit(length);
        c.send(view, to);
    }

    private static void read(Selector selector, LongAdder received, AtomicReference<DelayHistogram> delays,
                             AtomicBoolean running, boolean spin) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        try {
            while (running.get() && selector.isOpen()) {
                if (!spin) {
                    selector.select(200);
                } else if (selector.selectNow() == 0) {
                    Thread.onSpinWait();
                    continue;
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel c = (DatagramChannel) key.channel();
                    while (true) {
                        buffer.clear();
                        if (c.receive(buffer) == null) {
                            break;
                        }
                        long now = System.nanoTime();
                        received.increment();
                        if (buffer.position() >= STAMP_OFFSET + STAMP_BYTES) {
                            delays.get().record(now - buffer.getLong(STAMP_OFFSET));
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // closed at the end of the step
        }
    }
}
