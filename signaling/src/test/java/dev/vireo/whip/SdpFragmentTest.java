package dev.vireo.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8840 §9 trickle-ICE fragments as WHIP clients PATCH them (RFC 9725 §4.3.1 example shape). */
class SdpFragmentTest {
    @Test
    void readsTrickledCandidates() throws Exception {
        SdpFragment f = SdpFragment.parse("a=group:BUNDLE 0\r\nm=audio 9 RTP/AVP 0\r\na=mid:0\r\n"
                + "a=candidate:1 1 udp 2122260223 192.0.2.1 50000 typ host\r\n"
                + "a=candidate:2 1 udp 1686052607 198.51.100.7 50001 typ srflx raddr 192.0.2.1 rport 50000\r\n"
                + "a=end-of-candidates\r\n");
        assertNull(f.iceUfrag());
        assertEquals("0", f.mid());
        assertEquals(List.of("candidate:1 1 udp 2122260223 192.0.2.1 50000 typ host",
                "candidate:2 1 udp 1686052607 198.51.100.7 50001 typ srflx raddr 192.0.2.1 rport 50000"),
                f.candidates());
        assertTrue(f.endOfCandidates());
    }

    @Test
    void readsAnIceRestart() throws Exception {
        SdpFragment f = SdpFragment.parse("a=ice-ufrag:ZjB9\na=ice-pwd:asd88fgpdd777uzjYhagZg\n");
        assertEquals("ZjB9", f.iceUfrag());
        assertEquals("asd88fgpdd777uzjYhagZg", f.icePwd());
        assertTrue(f.candidates().isEmpty());
        assertFalse(f.endOfCandidates());
    }

    @Test
    void refusesBadInputWithOneException() {
        for (String bad : List.of("hello", "a=candidate:1 1 udp", "a=ice-ufrag:only\r\n", "a=ice-pwd:only",
                "a=ice-ufrag:has space\r\na=ice-pwd:x", "x".repeat(2000), "a=candidate:" + "1 ".repeat(600),
                "a=x\n".repeat(SdpFragment.MAX_LINES + 1))) {
            assertThrows(SdpFragment.MalformedException.class, () -> SdpFragment.parse(bad), bad);
        }
    }

    @Test
    void writesTheRestartAnswer() {
        assertEquals("a=ice-ufrag:u1\r\na=ice-pwd:p1\r\na=candidate:1 1 udp 1 127.0.0.1 9 typ host\r\n"
                        + "a=end-of-candidates\r\n",
                SdpFragment.answer("u1", "p1", List.of("1 1 udp 1 127.0.0.1 9 typ host")));
    }
}
