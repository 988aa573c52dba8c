package dev.vireo.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {
    private static AgentOptions parse(String line) throws Exception {
        return AgentOptions.parse(List.of(line.split(" ")), Map.of(), "box-7");
    }

    @Test
    void defaultsFromTheIssue() throws Exception {
        AgentOptions o = parse("--server ws://sfu:8081/ --room lobby");
        assertEquals("ws://sfu:8081/", o.server().toString());
        assertNull(o.whip());
        assertEquals("lobby", o.room());
        assertEquals("box-7", o.name());
        assertEquals(AgentOptions.Source.Kind.CAMERA, o.source().kind());
        assertEquals(0, o.source().cameraIndex());
        assertEquals(1280, o.width());
        assertEquals(720, o.height());
        assertEquals(30, o.fps());
        assertEquals(2_500_000, o.bitrateBps());
        assertEquals(AgentOptions.Codec.VP8, o.codec());
        assertFalse(o.simulcast());
        assertEquals(AgentOptions.Audio.NONE, o.audio());
        assertEquals(0, o.statusPort());
        assertNull(o.token());
    }

    @Test
    void everyOption() throws Exception {
        AgentOptions o = parse("--whip=https://x.example/whip/r --token abc.def --source camera:2 --size 640x360"
                + " --fps 15 --bitrate 3m --codec h264 --simulcast --audio test-tone --status-port 9100 --name cam");
        assertEquals("https://x.example/whip/r", o.whip().toString());
        assertEquals("abc.def", o.token());
        assertEquals(2, o.source().cameraIndex());
        assertEquals(640, o.width());
        assertEquals(15, o.fps());
        assertEquals(3_000_000, o.bitrateBps());
        assertEquals(AgentOptions.Codec.H264, o.codec());
        assertTrue(o.simulcast());
        assertEquals(AgentOptions.Audio.TEST_TONE, o.audio());
        assertEquals(9100, o.statusPort());
        assertEquals("cam", o.name());
    }

    @Test
    void environmentFillsInAndTheCommandLineWins() throws Exception {
        Map<String, String> env = Map.of("VIREO_AGENT_SERVER", "ws://a:1/", "VIREO_AGENT_ROOM", "r1",
                "VIREO_AGENT_FPS", "10", "VIREO_AGENT_SIMULCAST", "true");
        AgentOptions o = AgentOptions.parse(List.of("--fps", "25"), env, "box");
        assertEquals("r1", o.room());
        assertEquals(25, o.fps());
        assertTrue(o.simulcast());
    }

    @Test
    void sourceKinds() throws Exception {
        assertEquals(AgentOptions.Source.Kind.TEST_PATTERN,
                parse("--server ws://a:1/ --room r --source test-pattern").source().kind());
        AgentOptions.Source file = parse("--server ws://a:1/ --room r --source file:/srv/still.png").source();
        assertEquals(AgentOptions.Source.Kind.FILE, file.kind());
        assertEquals("/srv/still.png", file.path());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--room r                                     | exactly one of --server",
        "--server ws://a:1/ --whip http://b/ --room r | exactly one of --server",
        "--server ws://a:1/                           | --room is required",
        "--server http://a:1/ --room r                | --server must be a ws or wss URL",
        "--whip ws://a/                               | --whip must be a http or https URL",
        "--server ws://a:1/ --room r --size 1280      | --size must look like",
        "--server ws://a:1/ --room r --size 1281x720  | --size must be even",
        "--server ws://a:1/ --room r --fps 0          | --fps must be a whole number from 1 to 60",
        "--server ws://a:1/ --room r --bitrate fast   | --bitrate must look like",
        "--server ws://a:1/ --room r --bitrate 10k    | --bitrate must be between",
        "--server ws://a:1/ --room r --codec av1      | --codec must be vp8 or h264",
        "--server ws://a:1/ --room r --audio mic      | --audio must be none or test-tone",
        "--server ws://a:1/ --room r --source usb     | --source must be camera[:INDEX]",
        "--server ws://a:1/ --room r --status-port 0  | --status-port must be a whole number",
        "--server ws://a:1/ --room r --frobnicate     | unknown option '--frobnicate'",
        "--server ws://a:1/ --room                    | --room needs a value",
    })
    void badOptionsNameTheOption(String line, String message) {
        AgentOptions.InvalidOptionsException e =
                assertThrows(AgentOptions.InvalidOptionsException.class, () -> parse(line.trim()));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void listCamerasNeedsNoServer() throws Exception {
        assertTrue(parse("--list-cameras").listCameras());
    }
}
