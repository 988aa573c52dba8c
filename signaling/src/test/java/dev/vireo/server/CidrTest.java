package dev.vireo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8,      10.0.0.0/8",
        "10.1.2.3/8,      10.0.0.0/8",
        "127.0.0.1,       127.0.0.1/32",
        "0.0.0.0/0,       0.0.0.0/0",
        "192.168.1.77/30, 192.168.1.76/30",
        "fd00::1/8,       fd00:0:0:0:0:0:0:0/8",
        "::1,             0:0:0:0:0:0:0:1/128",
    })
    void normalises(String text, String expected) {
        assertEquals(expected, Cidr.parse(text).toString());
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.0/8,     127.0.0.1,      true",
        "127.0.0.0/8,     127.255.255.255, true",
        "127.0.0.0/8,     128.0.0.1,      false",
        "10.0.0.0/8,      ::1,            false",
        "0.0.0.0/0,       203.0.113.9,    true",
        "192.168.1.76/30, 192.168.1.79,   true",
        "192.168.1.76/30, 192.168.1.80,   false",
        "::1/128,         ::1,            true",
    })
    void contains(String block, String address, boolean inside) throws Exception {
        assertEquals(inside, Cidr.parse(block).contains(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/33", "::/129", "10.0.0/8", "256.0.0.0/8",
            "localhost", "10.0.0.0/8/8", "10.0.0.0/-1"})
    void refuses(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    @org.junit.jupiter.api.Test
    void blockOfOne() throws Exception {
        Cidr one = Cidr.parse("192.0.2.1");
        assertTrue(one.contains(InetAddress.getByName("192.0.2.1")));
        assertFalse(one.contains(InetAddress.getByName("192.0.2.2")));
    }
}
