package dev.vireo.signaling.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.sfu.PeerConnectionRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    @Test
    void decodesJoinWithTrimmedNameAndOptionalId() throws ProtocolException {
        assertEquals(new Join(1, "a.B-9_z", "Alice", null, null, null),
                MessageCodec.decode("{\"type\":\"join\",\"version\":1,\"room\":\"a.B-9_z\",\"name\":\"  Alice \"}"));
        assertEquals(new Join(1, "r", "Zoë 🎥", "abc_-1", null, null), MessageCodec.decode(
                "{\"type\":\"join\",\"version\":1,\"room\":\"r\",\"name\":\"Zoë 🎥\",\"participantId\":\"abc_-1\"}"));
    }

    @Test
    void nameAndRoomLengthsAreCountedInCharacters() throws ProtocolException {
        String room64 = "r".repeat(64);
        String name64 = "é".repeat(64);
        assertEquals(new Join(1, room64, name64, null, null, null), MessageCodec.decode(
                "{\"type\":\"join\",\"version\":1,\"room\":\"" + room64 + "\",\"name\":\"" + name64 + "\"}"));
        assertBadRequest("{\"type\":\"join\",\"version\":1,\"room\":\"" + room64 + "r\",\"name\":\"A\"}", "room");
        assertBadRequest("{\"type\":\"join\",\"version\":1,\"room\":\"r\",\"name\":\"" + name64 + "é\"}", "name");
        assertBadRequest("{\"type\":\"join\",\"version\":1,\"room\":\"r\",\"name\":\"a\\u0007b\"}", "name");
    }

    @Test
    void decodesTheOtherClientMessages() throws ProtocolException {
        assertEquals(new PublishOffer("v=0"), MessageCodec.decode("{\"type\":\"publish-offer\",\"sdp\":\"v=0\"}"));
        assertEquals(new SubscribeAnswer("v=0"), MessageCodec.decode("{\"type\":\"subscribe-answer\",\"sdp\":\"v=0\"}"));
        assertEquals(new Mute(true, null), MessageCodec.decode("{\"type\":\"mute\",\"audio\":true}"));
        assertEquals(new Mute(null, false), MessageCodec.decode("{\"type\":\"mute\",\"video\":false,\"audio\":null}"));
        assertEquals(new Leave(), MessageCodec.decode("{\"type\":\"leave\",\"extra\":\"ignored\"}"));
        assertEquals(new Ping(), MessageCodec.decode("{\"type\":\"ping\"}"));
    }

    @Test
    void candidateEndOfCandidatesAndRoles() throws ProtocolException {
        Candidate end = (Candidate) MessageCodec.decode("{\"type\":\"candidate\",\"pc\":\"subscribe\",\"candidate\":null}");
        assertEquals("", end.candidate());
        assertEquals(PeerConnectionRole.SUBSCRIBE, end.role());
        assertNull(end.sdpMid());
        Candidate c = (Candidate) MessageCodec.decode("{\"type\":\"candidate\",\"pc\":\"publish\","
                + "\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 9 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
        assertEquals(PeerConnectionRole.PUBLISH, c.role());
        assertEquals(0, c.sdpMLineIndex());
    }

    @Test
    void encodesTypeFirstAndLeavesNullsOut() {
        assertEquals("{\"type\":\"bye\",\"reason\":\"left\"}", MessageCodec.encode(new Bye(Bye.LEFT)));
        assertEquals("{\"type\":\"error\",\"code\":\"too-large\",\"message\":\"m\"}",
                MessageCodec.encode(new ErrorMessage(ErrorCode.TOO_LARGE, "m", null)));
        assertEquals("{\"type\":\"joined\",\"version\":1,\"room\":\"r\",\"participantId\":\"p\",\"resumeToken\":\"t\",\"participants\":"
                        + "[{\"id\":\"q\",\"name\":\"<Bob>\",\"audioMuted\":true,\"videoMuted\":false,\"role\":\"participant\"}],\"iceServers\":[],"
                        + "\"role\":\"viewer\",\"roomKind\":\"broadcast\",\"mayPublish\":false}",
                MessageCodec.encode(new Joined(1, "r", "p", "t", List.of(new ParticipantInfo("q", "<Bob>", true, false, "participant")),
                        List.of(), "viewer", "broadcast", false)));
        assertEquals("{\"type\":\"pong\"}", MessageCodec.encode(new Pong()));
    }

    @Test
    void unknownTypeIsEchoedSafely() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> MessageCodec.decode("{\"type\":\"x\\u0000" + "y".repeat(100) + "\"}"));
        assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
        assertEquals("unknown message type 'x?" + "y".repeat(38) + "...'", e.getMessage());
    }

    @Test
    void hugeNumbersAreNotIntegers() {
        assertBadRequest("{\"type\":\"join\",\"version\":1e400,\"room\":\"r\",\"name\":\"A\"}", "version");
        assertBadRequest("{\"type\":\"join\",\"version\":4294967297,\"room\":\"r\",\"name\":\"A\"}", "version");
    }

    @Test
    void nonObjectsAndEmptyFramesAreBadJson() {
        for (String frame : new String[] {"", "   ", "null", "\"join\"", "42", "{\"type\":\"ping\"}{}"}) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decode(frame), frame);
            assertEquals(ErrorCode.BAD_JSON, e.code(), frame);
        }
    }

    private static void assertBadRequest(String frame, String field) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decode(frame));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertEquals(true, e.getMessage().startsWith("field '" + field + "'"), e.getMessage());
    }

    @Test
    void videoLayoutDefaultsAndRefusals() throws ProtocolException {
        assertEquals(new VideoLayout(java.util.List.of(new VideoLayout.Tile("p1", 320, 180, true, false),
                        new VideoLayout.Tile("p2", 0, 0, false, true))),
                MessageCodec.decode("{\"type\":\"video-layout\",\"tiles\":[{\"participantId\":\"p1\",\"width\":320,"
                        + "\"height\":180},{\"participantId\":\"p2\",\"width\":0,\"height\":0,\"visible\":false,"
                        + "\"priority\":true}]}"));
        assertBadRequest("{\"type\":\"video-layout\"}", "tiles");
        assertBadRequest("{\"type\":\"video-layout\",\"tiles\":[1]}", "tiles");
        assertBadRequest("{\"type\":\"video-layout\",\"tiles\":[{\"participantId\":\"a b\",\"width\":1,\"height\":1}]}",
                "participantId");
        assertBadRequest("{\"type\":\"video-layout\",\"tiles\":[{\"participantId\":\"a\",\"width\":-1,\"height\":1}]}",
                "width");
        assertBadRequest("{\"type\":\"video-layout\",\"tiles\":[{\"participantId\":\"a\",\"width\":1,\"height\":99999}]}",
                "height");
        assertBadRequest("{\"type\":\"video-layout\",\"tiles\":[{\"participantId\":\"a\",\"width\":1}]}", "height");
    }
}
