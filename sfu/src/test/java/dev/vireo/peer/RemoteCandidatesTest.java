package dev.vireo.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

/** The network rule at the candidate level: only IPv4 loopback UDP candidates of component 1 are ever checked. */
class RemoteCandidatesTest {
    @Test
    void acceptsLoopbackUdpHostCandidates() {
        assertEquals(new InetSocketAddress("127.0.0.1", 5000),
                RemoteCandidates.usable("candidate:1 1 udp 2130706431 127.0.0.1 5000 typ host"));
        assertEquals(new InetSocketAddress("127.0.0.2", 9),
                RemoteCandidates.usable("a=candidate:x 1 UDP 1 127.0.0.2 9 typ srflx raddr 0.0.0.0 rport 0"));
        assertEquals(new InetSocketAddress("127.0.0.1", 41263),
                RemoteCandidates.usable("candidate:1 1 udp 2015363583 127.0.0.1 41263 typ host"), "Janus's form");
    }

    @Test
    void refusesEverythingElse() {
        String[] refused = {
            "candidate:1 1 udp 2130706431 10.0.0.1 5000 typ host",
            "candidate:1 1 udp 2130706431 192.168.1.2 5000 typ host",
            "candidate:1 1 udp 2130706431 8.8.8.8 5000 typ host",
            "candidate:1 1 udp 2130706431 ::1 5000 typ host", // our socket is IPv4
            "candidate:1 1 udp 2130706431 abcd.local 5000 typ host",
            "candidate:1 1 udp 2130706431 localhost 5000 typ host", // never resolved
            "candidate:1 1 udp 2130706431 127.1 5000 typ host",
            "candidate:1 1 udp 2130706431 127.0.0.256 5000 typ host",
            "candidate:1 1 tcp 2130706431 127.0.0.1 5000 typ host tcptype passive",
            "candidate:1 2 udp 2130706431 127.0.0.1 5001 typ host",
            "candidate:1 1 udp 2130706431 127.0.0.1 0 typ host",
            "not a candidate",
            "",
            null,
        };
        for (String c : refused) {
            assertNull(RemoteCandidates.usable(c), String.valueOf(c));
        }
    }

    @Test
    void randomCredentialsUseIceChars() {
        String pwd = RemoteCandidates.randomIceChars(24);
        assertEquals(24, pwd.length());
        assertTrue(pwd.matches("[A-Za-z0-9+/]+"), pwd);
    }
}
