package dev.vireo.server;

import java.net.InetAddress;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of one.
 *
 * @param network the block's first address (host bits cleared)
 * @param prefix  leading bits that must match
 */
public record Cidr(InetAddress network, int prefix) {
    /** Parses a literal block; the error message says what is wrong. */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        InetAddress address = Addresses.parseLiteral(slash < 0 ? s : s.substring(0, slash));
        int max = address.getAddress().length * 8;
        int prefix = max;
        if (slash >= 0) {
            String bits = s.substring(slash + 1);
            if (!bits.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length after '/'");
            }
            prefix = Integer.parseInt(bits);
            if (prefix > max) {
                throw new IllegalArgumentException("prefix /" + prefix + " is longer than " + max + " bits in '"
                        + text + "'");
            }
        }
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < max; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return new Cidr(InetAddress.getByAddress(bytes), prefix);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] want = network.getAddress();
        byte[] have = address.getAddress();
        if (want.length != have.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((want[bit / 8] & mask) != (have[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
