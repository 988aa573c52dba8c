package dev.vireo.ice;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The networks a peer's ICE traffic may come from, as CIDR blocks ({@code 127.0.0.0/8}, {@code ::1/128}); an empty
 * list allows every address.
 *
 * <p>Tests must keep media on loopback even when a browser picks its NIC address as the source of a pair, and a
 * production deployment may want to refuse private ranges. Both are the same rule: a datagram whose source is outside
 * these blocks never creates an ICE socket.
 */
public final class AllowedNetworks {
    private static final AllowedNetworks ALL = new AllowedNetworks(List.of());

    private final List<Block> blocks;

    private AllowedNetworks(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Every address is allowed. */
    public static AllowedNetworks all() {
        return ALL;
    }

    /**
     * Parses CIDR blocks; a bare address means that one host.
     *
     * @throws IllegalArgumentException if an entry is not an IP literal with an optional prefix length in range
     */
    public static AllowedNetworks parse(List<String> cidrs) {
        List<Block> parsed = new ArrayList<>(cidrs.size());
        for (String cidr : cidrs) {
            parsed.add(Block.parse(cidr.trim()));
        }
        return new AllowedNetworks(parsed);
    }

    /** Whether {@code address} lies in one of the blocks (always, when there are none). */
    public boolean allows(InetAddress address) {
        if (blocks.isEmpty()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        for (Block block : blocks) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every address is allowed. */
    public boolean allowsAll() {
        return blocks.isEmpty();
    }

    @Override
    public String toString() {
        return blocks.isEmpty() ? "any" : blocks.toString();
    }

    private record Block(byte[] network, int prefixLength, String text) {
        static Block parse(String cidr) {
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            byte[] network = IpLiteral.parse(host);
            if (network == null) {
                throw new IllegalArgumentException("not an IP network: '" + cidr + "'");
            }
            int maxPrefix = network.length * 8;
            int prefix = maxPrefix;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(cidr.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
                }
                if (prefix < 0 || prefix > maxPrefix) {
                    throw new IllegalArgumentException("prefix length out of range in '" + cidr + "'");
                }
            }
            return new Block(network, prefix, cidr);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int restBits = prefixLength % 8;
            if (restBits == 0) {
                return true;
            }
            int mask = (0xFF << (8 - restBits)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
