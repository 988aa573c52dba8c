package dev.vireo.signaling.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The wire form of the password field and the lobby messages (docs/signaling.md, Scheduled meetings). */
class LobbyMessagesTest {
    @Test
    void joinCarriesAPasswordThatIsNeverPrinted() throws ProtocolException {
        Join join = (Join) MessageCodec.decode("{\"type\":\"join\",\"version\":1,\"room\":\"r\",\"name\":\"A\","
                + "\"password\":\"tulip\"}");
        assertEquals("tulip", join.password());
        assertFalse(join.toString().contains("tulip"));
        for (String bad : new String[] {"\"\"", "\"" + "p".repeat(129) + "\"", "5"}) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decode(
                    "{\"type\":\"join\",\"version\":1,\"room\":\"r\",\"name\":\"A\",\"password\":" + bad + "}"));
            assertEquals(ErrorCode.BAD_REQUEST, e.code());
            assertTrue(e.getMessage().contains("password"), e.getMessage());
        }
    }

    @Test
    void admitAndDenyNameAKnock() throws ProtocolException {
        assertEquals(new LobbyDecision("admit", "k-1"), MessageCodec.decode("{\"type\":\"admit\",\"knockId\":\"k-1\"}"));
        LobbyDecision deny = (LobbyDecision) MessageCodec.decode("{\"type\":\"deny\",\"knockId\":\"k_2\"}");
        assertFalse(deny.admits());
        for (String bad : new String[] {"{\"type\":\"admit\"}", "{\"type\":\"deny\",\"knockId\":\"a b\"}",
                "{\"type\":\"admit\",\"knockId\":7}"}) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decode(bad), bad);
            assertEquals(ErrorCode.BAD_REQUEST, e.code(), bad);
        }
    }

    @Test
    void lobbyServerMessagesEncodeAsDocumented() {
        assertEquals("{\"type\":\"lobby-waiting\",\"room\":\"r\",\"knockId\":\"k\"}",
                MessageCodec.encode(new LobbyWaiting("r", "k")));
        assertEquals("{\"type\":\"knock\",\"knockId\":\"k\",\"name\":\"Ann\"}", MessageCodec.encode(new Knock("k", "Ann")));
        assertEquals("{\"type\":\"knock-withdrawn\",\"knockId\":\"k\",\"reason\":\"left\"}",
                MessageCodec.encode(new KnockWithdrawn("k", KnockWithdrawn.LEFT)));
        assertEquals("{\"type\":\"bye\",\"reason\":\"denied\",\"message\":\"no\"}",
                MessageCodec.encode(new Bye(Bye.DENIED, "no")));
    }
}
