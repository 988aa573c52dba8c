package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Role;
import dev.vireo.auth.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.gson.JsonObject;

import dev.vireo.e2e.WebRtcStats.Inbound;

/**
 * The capture agent (issue 6) as a real child process publishing its test pattern through Vireo to headless
 * Chromium: what the viewer decodes, what happens when the server is killed and started again, and how the agent
 * ends when the server refuses it for good.
 */
class CaptureAgentTest {
    private static final Duration FIRST_VIDEO = Duration.ofSeconds(30);

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @RegisterExtension
    final BrowserFleet browsers = new BrowserFleet();

    @Test
    void viewerDecodesTheTestPatternAtTheConfiguredSizeAndFrameRate() {
        String room = "agent-size";
        try (AgentProcess agent = AgentProcess.start("--server", server.signalingUri().toString(), "--room", room,
                "--name", "camera-1", "--source", "test-pattern", "--size", "640x360", "--fps", "20")) {
            String id = agent.awaitPublishing(0, FIRST_VIDEO).get("participantId").getAsString();
            ChromiumBrowser viewer = browsers.launchOne("viewer");
            viewer.open(server.joinUrl(room, "viewer", "&audio=0&video=0"));
            Inbound first = awaitDecoded(viewer, id, 640, 360, agent);
            Poll.sleep(Duration.ofSeconds(4));
            Inbound later = WebRtcStats.video(WebRtcStats.inbound(viewer), id).orElseThrow();
            double fps = later.framesPerSecondSince(first);
            assertEquals(640, later.frameWidth(), later.toString());
            assertEquals(360, later.frameHeight(), later.toString());
            assertTrue(fps >= 14 && fps <= 24, "decoded " + fps + " fps of 20 configured: " + first + " -> " + later);
            JsonObject status = agent.status();
            assertEquals(640, status.get("width").getAsInt(), status.toString());
            assertTrue(status.get("fps").getAsDouble() > 0, status.toString());
        }
    }

    /**
     * The agent as a plain WHIP client ({@code --whip URL --token T}) of a stream created over the REST API, watched
     * by Chromium through WHEP with the web client's whip-client.js: the viewer decodes the configured size and rate.
     */
    @Test
    void whipPublishIntoAStreamIsDecodedByAWhepViewerAtTheConfiguredSize() {
        StreamsApi api = new StreamsApi(server.get());
        JsonObject stream = api.create("camera box", true);
        String room = stream.get("room").getAsString();
        String whipUrl = stream.get("whipUrl").getAsString();
        assertEquals(server.baseUrl() + "/whip/" + room, whipUrl);
        try (AgentProcess agent = AgentProcess.start("--whip", whipUrl, "--token",
                stream.get("publishToken").getAsString(), "--name", "camera-whip", "--source", "test-pattern",
                "--size", "640x360", "--fps", "20")) {
            agent.awaitPublishing(0, FIRST_VIDEO);
            Poll.until("the stream to be live", Duration.ofSeconds(10),
                    () -> "live".equals(api.get(room).get("state").getAsString()) ? true : null,
                    () -> api.get(room) + "\n" + agent.output());
            ChromiumBrowser viewer = browsers.launchOne("whep-viewer");
            viewer.open(server.baseUrl() + "/streams");
            Object resource = viewer.jsResource("whep-watch.js", server.baseUrl() + "/whep/" + room, null);
            assertTrue(String.valueOf(resource).contains("/whep/" + room + "/"), "WHEP answered " + resource);
            try {
                WhipWhepBrowserTest.awaitDecoded(viewer, 640, 360, false, FIRST_VIDEO);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + agent.output(), e);
            }
            Map<?, ?> first = WhipWhepBrowserTest.kind(viewer, "video");
            Poll.sleep(Duration.ofSeconds(4));
            Map<?, ?> later = WhipWhepBrowserTest.kind(viewer, "video");
            double fps = (number(later, "framesDecoded") - number(first, "framesDecoded")) * 1000.0
                    / (number(later, "timestampMs") - number(first, "timestampMs"));
            assertTrue(fps >= 14 && fps <= 24, "decoded " + fps + " fps of 20 configured\n" + agent.output());
            assertEquals(1, api.get(room).get("viewers").getAsInt(), api.get(room).toString());
            JsonObject status = agent.status();
            assertEquals(640, status.get("width").getAsInt(), status.toString());
        }
    }

    /**
     * WHIP refusals are permanent: a token that is no token and another stream's publish token (401 from the real
     * server) end the agent with exit code 3 and one line, which never shows the token.
     */
    @Test
    void aRefusedWhipTokenEndsTheAgentWithOneLine() {
        StreamsApi api = new StreamsApi(server.get());
        String whipUrl = api.create("refused", true).get("whipUrl").getAsString();
        String otherStreamsToken = api.create("another", true).get("publishToken").getAsString();
        for (String token : List.of("not-a-token", otherStreamsToken)) {
            try (AgentProcess agent = AgentProcess.start("--whip", whipUrl, "--token", token,
                    "--source", "test-pattern", "--size", "320x180")) {
                assertEquals(3, agent.awaitExit(Duration.ofSeconds(30)), agent.output());
                List<String> reasons = agent.outputLines().stream().filter(l -> l.startsWith("vireo agent:")).toList();
                assertEquals(1, reasons.size(), agent.output());
                assertTrue(reasons.get(0).contains("401") && reasons.get(0).contains("unauthorized"), reasons.get(0));
                assertFalse(agent.output().contains(token), "the agent must not print its token");
            }
        }
    }

    @Test
    void agentPublishesAgainWithinFiveSecondsOfAServerRestart() {
        String room = "agent-restart";
        try (ServerProcess vireo = new ServerProcess()) {
            vireo.start();
            try (AgentProcess agent = AgentProcess.start("--server", vireo.signalingUrl(), "--room", room,
                    "--source", "test-pattern", "--size", "640x360", "--fps", "15")) {
                String before = agent.awaitPublishing(0, FIRST_VIDEO).get("participantId").getAsString();
                ChromiumBrowser first = browsers.launchOne("viewer-before");
                first.open(vireo.viewerUrl(room));
                awaitDecoded(first, before, 640, 360, agent);

                vireo.kill();
                Poll.sleep(Duration.ofSeconds(2));
                assertTrue(agent.isAlive(), "the agent exited while the server was down\n" + agent.output());
                long reachable = vireo.start();
                JsonObject status = agent.awaitPublishing(reachable, Duration.ofSeconds(15));
                long took = status.get("publishingSince").getAsLong() - reachable;
                System.out.println("agent publishing again " + took + " ms after the restarted server was reachable");
                assertTrue(took <= 5000, "publishing again " + took + " ms after the server was reachable\n"
                        + agent.output());

                String after = status.get("participantId").getAsString();
                ChromiumBrowser fresh = browsers.launchOne("viewer-after");
                fresh.open(vireo.viewerUrl(room));
                awaitDecoded(fresh, after, 640, 360, agent);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + vireo.log(), e);
            }
        }
    }

    @Test
    void aJoinTheServerRefusesEndsTheAgentWithOneLine() {
        try (AgentProcess agent = AgentProcess.start("--server", server.signalingUri().toString(),
                "--room", "no spaces allowed", "--source", "test-pattern", "--size", "320x180")) {
            assertEquals(3, agent.awaitExit(Duration.ofSeconds(30)), agent.output());
            List<String> reasons = agent.outputLines().stream().filter(l -> l.startsWith("vireo agent:")).toList();
            assertEquals(1, reasons.size(), agent.output());
            assertTrue(reasons.get(0).contains("bad-request") && reasons.get(0).contains("room"), reasons.get(0));
        }
    }

    /** Tokens the real server refuses: one for another room, one signed with another secret. */
    @Test
    void aRefusedTokenEndsTheAgentWithOneLine() {
        Instant inAnHour = Instant.now().plusSeconds(3600);
        String otherRoom = server.get().tokens().issue(
                new AccessToken("elsewhere", "cam", "cam", Role.HOST, inAnHour));
        String forged = new Tokens("not-this-servers-secret-not-this-servers".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC()).issue(new AccessToken("agent-token", "cam", "cam", Role.HOST, inAnHour));
        for (String token : List.of(otherRoom, forged)) {
            try (AgentProcess agent = AgentProcess.start("--server", server.signalingUri().toString(), "--room",
                    "agent-token", "--token", token, "--source", "test-pattern", "--size", "320x180")) {
                assertEquals(3, agent.awaitExit(Duration.ofSeconds(30)), agent.output());
                List<String> reasons = agent.outputLines().stream().filter(l -> l.startsWith("vireo agent:")).toList();
                assertEquals(1, reasons.size(), agent.output());
                assertTrue(reasons.get(0).contains("unauthorized"), reasons.get(0));
                assertFalse(agent.output().contains(token), "the agent must not print its token");
            }
        }
    }

    private static double number(Map<?, ?> stats, String key) {
        return ((Number) stats.get(key)).doubleValue();
    }

    private static Inbound awaitDecoded(ChromiumBrowser viewer, String agentId, int width, int height,
                                        AgentProcess agent) {
        return Poll.until(viewer.label() + " decoding the agent at " + width + "x" + height, FIRST_VIDEO,
                Duration.ofMillis(250), () -> {
                    Optional<Inbound> in = WebRtcStats.video(WebRtcStats.inbound(viewer), agentId);
                    return in.filter(s -> s.framesDecoded() > 0 && s.frameWidth() == width
                            && s.frameHeight() == height).orElse(null);
                }, () -> "inbound: " + WebRtcStats.inbound(viewer) + "\nagent status: " + agent.status() + "\n"
                        + agent.output() + viewer.diagnostics());
    }
}
