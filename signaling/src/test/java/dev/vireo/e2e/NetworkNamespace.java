package dev.vireo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace this test creates and removes (needs root): a veth pair with {@code hostAddress} on this side
 * and {@code namespaceAddress} inside, a /30 of 10.213.0.0/16 picked at random. Shaping ({@code tc}) goes on the
 * host-side end, which is egress towards the namespace: what the SFU sends to a peer inside. Nothing leaves the
 * machine: both ends of the pair are ours.
 */
final class NetworkNamespace implements AutoCloseable {
    private final String name;
    private final String hostLink;
    private final String hostAddress;
    private final String namespaceAddress;

    private NetworkNamespace(String name, String hostLink, String hostAddress, String namespaceAddress) {
        this.name = name;
        this.hostLink = hostLink;
        this.hostAddress = hostAddress;
        this.namespaceAddress = namespaceAddress;
    }

    static NetworkNamespace create() {
        int n = ThreadLocalRandom.current().nextInt(1 << 14);
        String name = "vireo-e2e-" + ProcessHandle.current().pid() + "-" + n;
        String host = "vh" + n;
        String peer = "vp" + n;
        String base = "10.213." + (n >> 6) + ".";
        int low = (n & 63) * 4;
        NetworkNamespace ns = new NetworkNamespace(name, host, base + (low + 1), base + (low + 2));
        try {
            run("ip", "netns", "add", name);
            run("ip", "link", "add", host, "type", "veth", "peer", "name", peer);
            run("ip", "link", "set", peer, "netns", name);
            run("ip", "addr", "add", ns.hostAddress + "/30", "dev", host);
            run("ip", "link", "set", host, "up");
            run("ip", "-n", name, "addr", "add", ns.namespaceAddress + "/30", "dev", peer);
            run("ip", "-n", name, "link", "set", peer, "up");
            run("ip", "-n", name, "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    String name() { return name; }
    String hostAddress() { return hostAddress; }
    String namespaceAddress() { return namespaceAddress; }
    /** The /30 both ends share, for the server's allowed networks. */
    String subnet() {
        String[] parts = hostAddress.split("\\.");
        return parts[0] + "." + parts[1] + "." + parts[2] + "." + (Integer.parseInt(parts[3]) - 1) + "/30";
    }

    /** Shapes what goes into the namespace, e.g. {@code "netem", "loss", "5%"}. */
    void shapeInbound(String... qdisc) {
        List<String> cmd = new ArrayList<>(List.of("tc", "qdisc", "replace", "dev", hostLink, "root"));
        cmd.addAll(List.of(qdisc));
        run(cmd.toArray(new String[0]));
    }

    /**
     * Caps the UDP (media, RTCP, STUN, DTLS) going into the namespace at {@code kbps} with a token bucket ({@code tbf},
     * {@code burstBytes} deep, queueing at most {@code latencyMs}); TCP (signaling, and the WebDriver connection to a
     * chromedriver inside) is not shaped, so the test keeps control of the browser. This kernel has no {@code prio}
     * qdisc: an {@code htb} root only sorts UDP into a class whose leaf is the tbf, everything else into an
     * unlimited class.
     */
    void capInboundUdp(int kbps, int burstBytes, int latencyMs) {
        run("tc", "qdisc", "replace", "dev", hostLink, "root", "handle", "1:", "htb", "default", "20");
        run("tc", "class", "add", "dev", hostLink, "parent", "1:", "classid", "1:10", "htb", "rate", "10gbit",
                "quantum", "60000");
        run("tc", "class", "add", "dev", hostLink, "parent", "1:", "classid", "1:20", "htb", "rate", "10gbit",
                "quantum", "60000");
        run("tc", "qdisc", "add", "dev", hostLink, "parent", "1:10", "handle", "10:", "tbf", "rate", kbps + "kbit",
                "burst", String.valueOf(burstBytes), "latency", latencyMs + "ms");
        run("tc", "filter", "add", "dev", hostLink, "parent", "1:", "protocol", "ip", "prio", "1", "u32", "match",
                "ip", "protocol", "17", "0xff", "flowid", "1:10");
    }

    /** The token bucket's counters ({@code sent ... dropped ... overlimits ...}) since {@link #capInboundUdp}. */
    String capStatistics() {
        String out = run("tc", "-s", "qdisc", "show", "dev", hostLink);
        int at = out.indexOf("qdisc tbf");
        if (at < 0) {
            return "no tbf";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Sent (\\d+) bytes (\\d+) pkt \\(dropped (\\d+),"
                + " overlimits (\\d+)").matcher(out.substring(at));
        return m.find() ? m.group(2) + " packets sent, " + m.group(3) + " dropped, " + m.group(4) + " overlimits"
                : out.substring(at);
    }

    /**
     * Drops {@code percent} % of the UDP packets arriving in the namespace from the host side, at random, and counts
     * them. This kernel has no netem ({@code CONFIG_NET_SCH_NETEM} is not set), so random loss is an nftables rule
     * ({@code numgen random}) on the namespace's input hook: the same effect on what a peer inside receives.
     */
    void dropInboundUdp(int percent) {
        run(inside("nft", "add table inet vireo_loss").toArray(new String[0]));
        run(inside("nft", "add chain inet vireo_loss in { type filter hook input priority 0 ; }")
                .toArray(new String[0]));
        run(inside("nft", "add rule inet vireo_loss in ip saddr " + hostAddress
                + " meta l4proto udp numgen random mod 100 < " + percent + " counter drop").toArray(new String[0]));
    }

    /** How many packets {@link #dropInboundUdp} dropped so far. */
    long droppedPackets() {
        String out = run(inside("nft", "list chain inet vireo_loss in").toArray(new String[0]));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("counter packets (\\d+)").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The command line that runs {@code command} inside the namespace. */
    List<String> inside(String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(command));
        return cmd;
    }

    @Override
    public void close() {
        // A test closes its namespace before its browsers are quit (try-with-resources ends first): with the veth gone
        // their chromedriver is unreachable and would outlive the test, browser and all. End whatever runs inside.
        stopProcessesInside();
        try {
            run("ip", "link", "del", hostLink);
        } catch (RuntimeException ignored) {
            // already gone with the namespace, or never made
        }
        try {
            run("ip", "netns", "del", name);
        } catch (RuntimeException ignored) {
            // never made
        }
    }

    static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stopProcessesInside() {
        try {
            for (int attempt = 0; attempt < 20; attempt++) {
                String pids = run("ip", "netns", "pids", name).trim();
                if (pids.isEmpty()) {
                    return;
                }
                List<String> kill = new ArrayList<>(List.of("kill", attempt < 10 ? "-TERM" : "-KILL"));
                kill.addAll(List.of(pids.split("\\s+")));
                new ProcessBuilder(kill).redirectErrorStream(true).start().waitFor();
                Thread.sleep(100);
            }
        } catch (RuntimeException | java.io.IOException e) {
            // no such namespace (never made): nothing runs in it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
