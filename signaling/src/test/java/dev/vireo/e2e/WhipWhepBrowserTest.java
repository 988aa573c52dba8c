package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chromium publishes 720p through a bare WHIP page (plain fetch, no Vireo code) into a stream, and Chromium viewers
 * watch it through WHEP and decode 1280x720; the streams API counts them.
 */
class WhipWhepBrowserTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();
    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    /** Ten WHEP viewers on a 2-core machine: viewers are cheap for the SFU, Chromium decoding is the cost. */
    static final int VIEWERS = 10;

    @Test
    void bareWhipPublisherIsDecodedAt720pByTenWhepViewers() {
        StreamsApi api = new StreamsApi(server.get());
        JsonObject stream = api.create("ten viewers", true);
        String room = stream.get("room").getAsString();
        String[] labels = new String[VIEWERS + 1];
        labels[0] = "publisher";
        for (int i = 1; i <= VIEWERS; i++) {
            labels[i] = "viewer-" + i;
        }
        List<ChromiumBrowser> browsers = fleet.launch(labels);
        ChromiumBrowser publisher = browsers.get(0);
        publisher.open(server.baseUrl() + "/streams");
        Object location = publisher.jsResource("bare-whip-publish.js", stream.get("whipUrl").getAsString(),
                stream.get("publishToken").getAsString());
        assertTrue(String.valueOf(location).startsWith("/whip/" + room + "/"), "WHIP answered " + location);
        Poll.until("stream live", Duration.ofSeconds(10),
                () -> "live".equals(api.get(stream.get("id").getAsString()).get("state").getAsString()) ? true : null,
                () -> api.get(stream.get("id").getAsString()).toString());

        List<ChromiumBrowser> viewers = browsers.subList(1, browsers.size());
        for (ChromiumBrowser viewer : viewers) {
            viewer.open(server.baseUrl() + "/streams");
            Object resource = viewer.jsResource("whep-watch.js", server.baseUrl() + "/whep/" + room, null);
            assertTrue(String.valueOf(resource).contains("/whep/" + room + "/"), "WHEP answered " + resource);
        }
        for (ChromiumBrowser viewer : viewers) {
            awaitDecoded(viewer, 1280, 720, Duration.ofSeconds(30));
        }
        JsonObject live = api.get(stream.get("id").getAsString());
        assertEquals(VIEWERS, live.get("viewers").getAsInt(), live.toString());
        assertTrue(live.get("bitrate").getAsLong() >= 0, live.toString());
    }

    /**
     * A WHEP player has no tiles: from a simulcast WHIP publisher it gets the top layer its downlink carries, not the
     * lowest one.
     */
    @Test
    void whepViewerOfASimulcastPublisherDecodesTheTopLayer() {
        StreamsApi api = new StreamsApi(server.get());
        JsonObject stream = api.create("simulcast", true);
        String room = stream.get("room").getAsString();
        List<ChromiumBrowser> browsers = fleet.launch("simulcast-publisher", "simulcast-viewer");
        ChromiumBrowser publisher = browsers.get(0);
        publisher.open(server.baseUrl() + "/streams");
        Object location = publisher.jsResource("bare-whip-publish.js", stream.get("whipUrl").getAsString(),
                stream.get("publishToken").getAsString(), true);
        assertTrue(String.valueOf(location).startsWith("/whip/" + room + "/"), "WHIP answered " + location);
        ChromiumBrowser viewer = browsers.get(1);
        viewer.open(server.baseUrl() + "/streams");
        Object resource = viewer.jsResource("whep-watch.js", server.baseUrl() + "/whep/" + room, null);
        assertTrue(String.valueOf(resource).contains("/whep/" + room + "/"), "WHEP answered " + resource);
        awaitDecoded(viewer, 1280, 720, Duration.ofSeconds(30));
    }

    /** Waits until the WHEP page decodes video of this size and keeps decoding, and audio arrives. */
    static void awaitDecoded(ChromiumBrowser viewer, int width, int height, Duration timeout) {
        awaitDecoded(viewer, width, height, true, timeout);
    }

    static void awaitDecoded(ChromiumBrowser viewer, int width, int height, boolean withAudio, Duration timeout) {
        Poll.until(viewer.label() + " decodes " + width + "x" + height, timeout, () -> {
            Map<?, ?> video = kind(viewer, "video");
            Map<?, ?> audio = kind(viewer, "audio");
            boolean ok = video != null && ((Number) video.get("frameWidth")).intValue() == width
                    && ((Number) video.get("frameHeight")).intValue() == height
                    && ((Number) video.get("framesDecoded")).longValue() > 10
                    && (!withAudio || audio != null && ((Number) audio.get("packetsReceived")).longValue() > 10);
            return ok ? true : null;
        }, () -> String.valueOf(viewer.jsResource("whep-stats.js")));
        long before = ((Number) kind(viewer, "video").get("framesDecoded")).longValue();
        Poll.until(viewer.label() + " keeps decoding", Duration.ofSeconds(5),
                () -> ((Number) kind(viewer, "video").get("framesDecoded")).longValue() > before + 10 ? true : null,
                () -> String.valueOf(viewer.jsResource("whep-stats.js")));
    }

    static Map<?, ?> kind(ChromiumBrowser viewer, String kind) {
        List<Map<?, ?>> rows = new ArrayList<>();
        for (Object o : (List<?>) viewer.jsResource("whep-stats.js")) {
            rows.add((Map<?, ?>) o);
        }
        return rows.stream().filter(r -> kind.equals(r.get("kind"))).findFirst().orElse(null);
    }
}
