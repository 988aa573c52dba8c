package dev.vireo.agent.rtc;

import java.util.Map;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;

/** What libwebrtc's getStats says about the video the agent sends, reduced to the figures in the status line. */
public final class SendStats {
    private SendStats() {
    }

    /**
     * Counters at one moment, summed over the simulcast layers of the video track.
     *
     * @param rttMillis      round-trip time from the receiver reports (or the ICE pair), -1 when not known yet
     * @param fractionLost   the receiver's last reported loss, 0..1, the worst over the layers; -1 when not known
     */
    public record Sample(long atMillis, long bytesSent, long framesSent, long packetsSent, int width, int height,
                         double framesPerSecond, double rttMillis, double fractionLost) {
        static final Sample EMPTY = new Sample(0, 0, 0, 0, 0, 0, 0, -1, -1);

        /** Bits per second between {@code earlier} and this sample; 0 when there is no interval. */
        public long bitrateSince(Sample earlier) {
            long ms = atMillis - earlier.atMillis;
            long bytes = bytesSent - earlier.bytesSent;
            return ms <= 0 || bytes < 0 ? 0 : bytes * 8_000 / ms;
        }

        /** Frames per second sent between {@code earlier} and this sample. */
        public double fpsSince(Sample earlier) {
            long ms = atMillis - earlier.atMillis;
            long frames = framesSent - earlier.framesSent;
            return ms <= 0 || frames < 0 ? 0 : frames * 1000.0 / ms;
        }
    }

    static Sample sample(RTCStatsReport report) {
        long bytes = 0;
        long frames = 0;
        long packets = 0;
        int width = 0;
        int height = 0;
        double fps = 0;
        double rtt = -1;
        double lost = -1;
        double pairRtt = -1;
        for (RTCStats s : report.getStats().values()) {
            Map<String, Object> a = s.getAttributes();
            RTCStatsType type = s.getType();
            if (type == RTCStatsType.OUTBOUND_RTP && "video".equals(a.get("kind"))) {
                bytes += num(a, "bytesSent");
                frames = Math.max(frames, num(a, "framesSent"));
                packets += num(a, "packetsSent");
                fps = Math.max(fps, dbl(a, "framesPerSecond", 0));
                if (num(a, "frameWidth") > width) {
                    width = (int) num(a, "frameWidth");
                    height = (int) num(a, "frameHeight");
                }
            } else if (type == RTCStatsType.REMOTE_INBOUND_RTP && "video".equals(a.get("kind"))) {
                double r = dbl(a, "roundTripTime", -1);
                if (r >= 0) {
                    rtt = Math.max(rtt, r * 1000);
                }
                lost = Math.max(lost, dbl(a, "fractionLost", -1));
            } else if (type == RTCStatsType.CANDIDATE_PAIR && Boolean.TRUE.equals(a.get("nominated"))) {
                double r = dbl(a, "currentRoundTripTime", -1);
                if (r >= 0) {
                    pairRtt = r * 1000;
                }
            }
        }
        return new Sample(System.currentTimeMillis(), bytes, frames, packets, width, height, fps,
                rtt >= 0 ? rtt : pairRtt, lost);
    }

    private static long num(Map<String, Object> a, String key) {
        return a.get(key) instanceof Number n ? n.longValue() : 0;
    }

    private static double dbl(Map<String, Object> a, String key, double absent) {
        return a.get(key) instanceof Number n ? n.doubleValue() : absent;
    }
}
