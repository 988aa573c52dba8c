package dev.vireo.e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Milestones of one page's join, in milliseconds since its navigation started, as recorded inside the page by
 * {@code e2e/join-timing.js} (which must be installed with {@link ChromiumBrowser#runBeforeEveryPage} before the
 * page is opened).
 */
record JoinTiming(double joinSentAt, double subscribeConnectedAt, Map<String, Double> trackAt,
                  Map<String, Double> firstPacketAt, Map<String, Double> firstFrameAt,
                  Map<String, Double> firstFrameReceivedAt, Map<String, String> statsAtFirstFrame, String raw) {

    static String script() {
        return ChromiumBrowser.resource("join-timing.js");
    }

    static JoinTiming read(ChromiumBrowser browser) {
        Map<?, ?> r = (Map<?, ?>) browser.jsResource("join-timing-read.js");
        if (r == null) {
            throw new AssertionError(browser.label() + ": join timing instrumentation is not installed");
        }
        Map<String, Double> trackAt = new HashMap<>();
        for (Object t : (List<?>) r.get("tracks")) {
            Map<?, ?> track = (Map<?, ?>) t;
            trackAt.putIfAbsent(String.valueOf(track.get("trackId")), num(track.get("at")));
        }
        Map<String, Double> firstPacketAt = new HashMap<>();
        Map<String, Double> firstFrameAt = new HashMap<>();
        Map<String, Double> firstFrameReceivedAt = new HashMap<>();
        Map<String, String> statsAtFirstFrame = new HashMap<>();
        for (Object f : (List<?>) r.get("firstFrames")) {
            Map<?, ?> frame = (Map<?, ?>) f;
            String trackId = String.valueOf(frame.get("trackId"));
            firstFrameAt.put(trackId, num(frame.get("at")));
            firstPacketAt.put(trackId, num(frame.get("firstPacketAt")));
            statsAtFirstFrame.put(trackId, String.valueOf(frame.get("stats")));
            if (frame.get("rendered") instanceof Map<?, ?> rendered && rendered.get("receivedAt") instanceof Number n) {
                firstFrameReceivedAt.put(trackId, n.doubleValue());
            }
        }
        return new JoinTiming(num(r.get("joinSentAt")), num(r.get("subscribeConnectedAt")), trackAt, firstPacketAt,
                firstFrameAt, firstFrameReceivedAt, statsAtFirstFrame, r.toString());
    }

    /**
     * When the track's first frame was complete at the page: the receive time the video element reported for the first
     * frame it rendered, else (no such report) when the getStats poll first saw a decoded frame, which on a busy
     * machine is up to a poll gap of hundreds of milliseconds later.
     */
    double firstFrameArrivedAt(String trackId) {
        Double received = firstFrameReceivedAt.get(trackId);
        Double polled = firstFrameAt.get(trackId);
        if (received == null || received.isNaN() || received <= 0) {
            return polled == null ? Double.NaN : polled;
        }
        return polled == null ? received : Math.min(received, polled);
    }

    /** When the page could first have decoded this track: subscribe PC connected and the track announced. */
    double subscribedAt(String trackId) {
        return Math.max(subscribeConnectedAt, trackAt.getOrDefault(trackId, Double.NaN));
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
