package dev.vireo.ice;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IP address literals without ever resolving a name.
 *
 * <p>{@link InetAddress#getByName} looks a string up in DNS when it is not a literal, and accepts legacy IPv4 forms
 * such as {@code "127.1"}. Candidates come from browsers over signaling, so this parser accepts only a strict dotted
 * quad or an IPv6 literal (which the JDK parses locally whenever the text contains a colon).
 */
final class IpLiteral {
    private IpLiteral() {
    }

    /** The address bytes (4 or 16), or null when {@code text} is not an IP literal. */
    static byte[] parse(String text) {
        InetAddress address = toAddress(text);
        return address == null ? null : address.getAddress();
    }

    /** The address, or null when {@code text} is not an IP literal. */
    static InetAddress toAddress(String text) {
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        byte[] v4 = parseV4(text);
        if (v4 == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            return null; // cannot happen for 4 bytes
        }
    }

    private static byte[] parseV4(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && part < 3) {
                out[part++] = (byte) value;
                value = -1;
            } else {
                return null;
            }
        }
        if (part != 3 || value < 0) {
            return null;
        }
        out[3] = (byte) value;
        return out;
    }

    private static InetAddress parseV6(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == ':' || c == '.';
            if (!ok) {
                return null; // also refuses zone ids and brackets, which a candidate never carries
            }
        }
        try {
            return InetAddress.getByName(text); // a string with ':' is parsed as an IPv6 literal, never resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
