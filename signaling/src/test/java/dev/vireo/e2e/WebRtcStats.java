package dev.vireo.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What Chromium's own WebRTC stats say a Vireo page decoded and sent. */
final class WebRtcStats {
    private WebRtcStats() {
    }

    /**
     * One inbound-rtp stream of the subscribe PeerConnection, attributed to the participant who sends it;
     * {@code timestampMs} is when Chromium took the figures, so a rate over two reports needs no test-side clock.
     */
    record Inbound(String kind, String participantId, String trackId, long ssrc, long framesDecoded,
                   int frameWidth, int frameHeight, long bytesReceived, long packetsReceived, long freezeCount,
                   long freezesMs, long pliCount, long keyFramesDecoded, String detail, double totalAudioEnergy,
                   double timestampMs) {
        boolean isVideo() {
            return "video".equals(kind);
        }

        boolean isAudio() {
            return "audio".equals(kind);
        }

        /** Frames decoded per second between {@code earlier} and this report, by Chromium's own timestamps. */
        double framesPerSecondSince(Inbound earlier) {
            return (framesDecoded - earlier.framesDecoded) * 1000.0 / (timestampMs - earlier.timestampMs);
        }
    }

    /** One outbound-rtp stream of the publish PeerConnection (one per simulcast layer). */
    record Outbound(String kind, String rid, boolean active, int frameWidth, int frameHeight,
                    long framesEncoded, long bytesSent) {
    }

    static List<Inbound> inbound(ChromiumBrowser browser) {
        return inbound(browser.jsResource("inbound-stats.js"));
    }

    /** The streams of the page's WHEP player ({@code window.__whep}, see whep-watch.js), sent by {@code publisherId}. */
    static List<Inbound> whepInbound(ChromiumBrowser browser, String publisherId) {
        return inbound(browser.jsResource("inbound-stats.js", "whep", publisherId));
    }

    private static List<Inbound> inbound(Object stats) {
        List<Inbound> streams = new ArrayList<>();
        for (Map<?, ?> r : rows(stats)) {
            streams.add(new Inbound(str(r, "kind"), str(r, "participantId"), str(r, "trackId"), num(r, "ssrc"),
                    num(r, "framesDecoded"), (int) num(r, "frameWidth"), (int) num(r, "frameHeight"),
                    num(r, "bytesReceived"), num(r, "packetsReceived"), num(r, "freezeCount"), num(r, "freezesMs"),
                    num(r, "pliCount"), num(r, "keyFramesDecoded"), str(r, "detail"),
                    r.get("totalAudioEnergy") instanceof Number n ? n.doubleValue() : 0,
                    r.get("timestampMs") instanceof Number t ? t.doubleValue() : 0));
        }
        return streams;
    }

    static List<Outbound> outbound(ChromiumBrowser browser) {
        List<Outbound> streams = new ArrayList<>();
        for (Map<?, ?> r : rows(browser.jsResource("outbound-stats.js"))) {
            streams.add(new Outbound(str(r, "kind"), str(r, "rid"), Boolean.TRUE.equals(r.get("active")),
                    (int) num(r, "frameWidth"), (int) num(r, "frameHeight"), num(r, "framesEncoded"),
                    num(r, "bytesSent")));
        }
        return streams;
    }

    static Optional<Inbound> video(List<Inbound> streams, String participantId) {
        return streams.stream().filter(s -> s.isVideo() && participantId.equals(s.participantId())).findFirst();
    }

    static Optional<Inbound> audio(List<Inbound> streams, String participantId) {
        return streams.stream().filter(s -> s.isAudio() && participantId.equals(s.participantId())).findFirst();
    }

    /** The widest frame the publisher is encoding right now, over all its video layers. */
    static int sentVideoWidth(ChromiumBrowser publisher) {
        return outbound(publisher).stream().filter(s -> "video".equals(s.kind()))
                .mapToInt(Outbound::frameWidth).max().orElse(0);
    }

    private static List<Map<?, ?>> rows(Object result) {
        List<Map<?, ?>> rows = new ArrayList<>();
        if (result instanceof List<?> list) {
            for (Object o : list) {
                rows.add((Map<?, ?>) o);
            }
        }
        return rows;
    }

    private static String str(Map<?, ?> row, String key) {
        Object v = row.get(key);
        return v == null ? "" : v.toString();
    }

    private static long num(Map<?, ?> row, String key) {
        Object v = row.get(key);
        return v instanceof Number n ? n.longValue() : 0L;
    }
}
