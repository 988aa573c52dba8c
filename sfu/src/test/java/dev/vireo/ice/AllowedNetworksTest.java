package dev.vireo.ice;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedNetworksTest {
    private static InetAddress ip(String literal) {
        return IpLiteral.toAddress(literal);
    }

    @Test
    void emptyListAllowsEverything() {
        AllowedNetworks all = AllowedNetworks.parse(List.of());
        assertTrue(all.allowsAll());
        assertTrue(all.allows(ip("203.0.113.1")));
        assertTrue(all.allows(ip("2001:db8::1")));
    }

    @Test
    void matchesPrefixesBitByBit() {
        AllowedNetworks rule = AllowedNetworks.parse(List.of("127.0.0.0/8", "10.1.2.128/25", "::1/128", "192.0.2.7"));
        assertTrue(rule.allows(ip("127.0.0.1")));
        assertTrue(rule.allows(ip("127.255.255.254")));
        assertFalse(rule.allows(ip("128.0.0.1")));
        assertTrue(rule.allows(ip("10.1.2.128")));
        assertTrue(rule.allows(ip("10.1.2.255")));
        assertFalse(rule.allows(ip("10.1.2.127")));
        assertTrue(rule.allows(ip("::1")));
        assertFalse(rule.allows(ip("::2")));
        assertTrue(rule.allows(ip("192.0.2.7")));
        assertFalse(rule.allows(ip("192.0.2.8")));
        assertFalse(rule.allows(ip("fe80::1")), "an IPv6 address never matches an IPv4 block");
    }

    @Test
    void zeroPrefixMatchesItsWholeFamily() {
        AllowedNetworks v4 = AllowedNetworks.parse(List.of("0.0.0.0/0"));
        assertTrue(v4.allows(ip("198.51.100.1")));
        assertFalse(v4.allows(ip("2001:db8::1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "127.0.0.0/33", "::/129", "127.0.0.0/-1", "127.0.0.0/x", "1.2.3",
            "1.2.3.4.5", "256.0.0.1", "127.1", "fe80::1%eth0", "[::1]"})
    void rejectsWhatIsNotACidrBlock(String cidr) {
        assertThrows(IllegalArgumentException.class, () -> AllowedNetworks.parse(List.of(cidr)));
    }

    @Test
    void ipLiteralNeverResolvesNames() {
        assertNull(IpLiteral.toAddress("example.org"));
        assertNull(IpLiteral.toAddress("abc.local"));
        assertNull(IpLiteral.toAddress("1.2.3.4 "));
    }
}
