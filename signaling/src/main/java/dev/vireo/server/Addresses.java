package dev.vireo.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.regex.Pattern;

/** IP literals and the machine's own addresses, without ever asking DNS. */
final class Addresses {
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    static final InetAddress LOOPBACK_V4;

    static {
        try {
            LOOPBACK_V4 = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    private Addresses() {
    }

    /** An IPv4 or IPv6 literal; host names are refused so that reading settings never waits on DNS. */
    static InetAddress parseLiteral(String text) {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        boolean v4 = IPV4.matcher(s).matches();
        boolean v6 = s.contains(":") && IPV6_CHARS.matcher(s).matches();
        if (v4 || v6) {
            try {
                // A literal never goes to DNS: getByName only parses it.
                return InetAddress.getByName(s);
            } catch (UnknownHostException e) {
                // fall through to the common message
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an IP address (like 0.0.0.0, 127.0.0.1 or ::1)");
    }

    /**
     * The address to advertise when none is configured: the bind address when it is a specific one, else the first
     * non-loopback site-local or global IPv4 address of an interface that is up, else 127.0.0.1.
     */
    static InetAddress detectPublic(InetAddress bind) {
        if (!bind.isAnyLocalAddress()) {
            return bind;
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()
                            && !address.isLinkLocalAddress() && !address.isMulticastAddress()
                            && !address.isAnyLocalAddress()) {
                        return address;
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list: fall back to loopback like a machine with no network.
        }
        return LOOPBACK_V4;
    }
}
