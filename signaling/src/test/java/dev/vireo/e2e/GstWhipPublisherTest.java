package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An independent WebRTC stack publishes through WHIP: GStreamer's webrtcbin (a short Python script, no Vireo code)
 * sends VP8 640x360 and Opus into a stream, and a Chromium WHEP viewer decodes it.
 */
class GstWhipPublisherTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();
    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    @Test
    void gstreamerPublishesAndChromiumWatches() throws Exception {
        StreamsApi api = new StreamsApi(server.get());
        JsonObject stream = api.create("gstreamer", true);
        String room = stream.get("room").getAsString();
        Path script = Files.createTempFile("gst-whip-publish", ".py");
        Files.writeString(script, ChromiumBrowser.resource("gst-whip-publish.py"));
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), stream.get("whipUrl").getAsString(),
                stream.get("publishToken").getAsString(), "25").redirectErrorStream(true);
        Process gst = pb.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(gst.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            Poll.until("GStreamer published", Duration.ofSeconds(20),
                    () -> output.stream().anyMatch(l -> l.startsWith("whip-location ")) ? true : null,
                    () -> String.join("\n", output));
            ChromiumBrowser viewer = fleet.launchOne("viewer");
            viewer.open(server.baseUrl() + "/streams");
            Object resource = viewer.jsResource("whep-watch.js", server.baseUrl() + "/whep/" + room, null);
            assertTrue(String.valueOf(resource).contains("/whep/" + room + "/"), "WHEP answered " + resource);
            try {
                WhipWhepBrowserTest.awaitDecoded(viewer, 640, 360, false, Duration.ofSeconds(20));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nGStreamer said:\n" + String.join("\n", output), e);
            }
            assertTrue(output.stream().anyMatch(l -> l.equals("whip-state connected")
                    || l.equals("whip-state completed")), String.join("\n", output));
            assertEquals(1, api.get(stream.get("id").getAsString()).get("viewers").getAsInt());
            assertTrue(gst.waitFor(40, TimeUnit.SECONDS), "the publisher stops after its time");
            assertEquals(0, gst.exitValue(), "the publisher's DELETE succeeded:\n" + String.join("\n", output));
            Poll.until("idle after the WHIP DELETE", Duration.ofSeconds(5), () ->
                    "idle".equals(api.get(stream.get("id").getAsString()).get("state").getAsString()) ? true : null,
                    () -> api.get(stream.get("id").getAsString()).toString());
        } finally {
            gst.destroy();
            Files.deleteIfExists(script);
        }
    }
}
