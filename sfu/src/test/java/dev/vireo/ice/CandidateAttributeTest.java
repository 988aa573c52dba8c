package dev.vireo.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CandidateAttributeTest {
    @Test
    void parsesAChromeHostCandidate() {
        // as Chromium trickles it (RTCIceCandidate.candidate)
        CandidateAttribute c = CandidateAttribute.parse(
                "candidate:3476414163 1 udp 2122260223 127.0.0.1 56143 typ host generation 0 ufrag 4ZcD network-id 1");
        assertEquals("3476414163", c.foundation());
        assertEquals(1, c.componentId());
        assertEquals("udp", c.transport());
        assertEquals(2122260223L, c.priority());
        assertEquals("127.0.0.1", c.address());
        assertEquals(56143, c.port());
        assertEquals("host", c.type());
        assertNull(c.relatedAddress());
        assertEquals(-1, c.relatedPort());
    }

    @Test
    void parsesAFirefoxServerReflexiveCandidateWithRelatedAddress() {
        CandidateAttribute c = CandidateAttribute.parse(
                "a=candidate:1 1 UDP 1686052607 203.0.113.7 61922 typ srflx raddr 10.0.0.5 rport 61922");
        assertEquals("udp", c.transport());
        assertEquals("srflx", c.type());
        assertEquals("10.0.0.5", c.relatedAddress());
        assertEquals(61922, c.relatedPort());
    }

    @Test
    void parsesIpv6AndMdnsAddressesAsText() {
        assertEquals("::1", CandidateAttribute.parse("candidate:2 1 udp 2122197247 ::1 50000 typ host").address());
        assertEquals("4f1b3b1e-8c5a-4b8a-9f5e-2a7d1c0b9e11.local", CandidateAttribute.parse(
                "candidate:2 1 udp 2122197247 4f1b3b1e-8c5a-4b8a-9f5e-2a7d1c0b9e11.local 50000 typ host").address());
    }

    @Test
    void writesWhatItParses() {
        String text = "candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host";
        assertEquals(text, CandidateAttribute.parse(text).toAttributeValue());
        String relay = "candidate:9 1 udp 41885695 198.51.100.2 3478 typ relay raddr 0.0.0.0 rport 0";
        assertEquals(relay, CandidateAttribute.parse(relay).toAttributeValue());
    }

    @Test
    void hostPriorityFollowsRfc8445() {
        assertEquals(2130706431L, CandidateAttribute.priority(126, 65535, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "candidate:",
            "candidate:1 1 udp 2130706431 127.0.0.1 10000 typ",         // no type
            "candidate:1 1 udp 2130706431 127.0.0.1 10000 type host",    // "typ" misspelt
            "candidate:1 x udp 2130706431 127.0.0.1 10000 typ host",     // component not a number
            "candidate:1 1 udp 99999999999 127.0.0.1 10000 typ host",    // priority > 2^32-1
            "candidate:1 1 udp -5 127.0.0.1 10000 typ host",
            "candidate:1 1 udp 1 127.0.0.1 65536 typ host",              // port out of range
            "candidate:1 1 udp 1 127.0.0.1 80x typ host",
            "candidate:f:o 1 udp 1 127.0.0.1 80 typ host",               // ':' is not an ice-char
            "candidate:123456789012345678901234567890123 1 udp 1 127.0.0.1 80 typ host", // foundation > 32
            "candidate:1 1 udp 1 127.0.0.1 80 typ host generation",      // extension without value
            "candidate:1 1 udp 1 127.0.0.1 80 typ host raddr",
            "candidate:1 1 udp 1 127.0.\u00000.1 80 typ host",
    })
    void rejectsMalformedCandidates(String text) {
        assertThrows(IllegalArgumentException.class, () -> CandidateAttribute.parse(text));
    }
}
