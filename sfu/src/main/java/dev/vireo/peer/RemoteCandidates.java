package dev.vireo.peer;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Locale;

import dev.vireo.ice.CandidateAttribute;

/** Which signalled candidates a transport may check (the network rule), and the random ICE values it needs. */
final class RemoteCandidates {
    static final SecureRandom RANDOM = new SecureRandom();
    /** ice-char (RFC 8839 §5.4): ALPHA / DIGIT / "+" / "/". */
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private RemoteCandidates() {
    }

    /** The address of a usable remote candidate, or null: UDP, component 1, an IPv4 loopback literal. */
    static InetSocketAddress usable(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        CandidateAttribute c;
        try {
            c = CandidateAttribute.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!c.transport().equals("udp") || c.componentId() != 1 || c.port() == 0) {
            return null;
        }
        byte[] v4 = ipv4Literal(c.address());
        if (v4 == null || v4[0] != 127) {
            return null; // the network rule: loopback only (::1 is unreachable from our IPv4 socket)
        }
        try {
            return new InetSocketAddress(Inet4Address.getByAddress(v4), c.port());
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] ipv4Literal(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** A random ice-ufrag (4..256 ice-chars) or ice-pwd (22..256). */
    static String randomIceChars(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length())));
        }
        return sb.toString();
    }
}
