package dev.vireo.sfu.speaker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides who in a room is the dominant speaker, from the audio levels (RFC 6464) their packets carried. A pure
 * class: fed one {@link #update} per tick with each participant's mean loudness over the tick, and the caller's clock.
 *
 * <p>Each participant's speech is measured as decibels above a silence floor (packets quieter than the floor count
 * as 0), smoothed twice: a short window (a few hundred ms: "speaking now") and a medium one (about a second and a half:
 * "has been speaking"). The first participant whose medium score rises above the activation level becomes dominant.
 * Afterwards a challenger takes over only when its medium score beats the dominant speaker's by a margin
 * <em>continuously</em> for the hold time, so a cough, a short "yes" or a laugh does not steal the floor, and two
 * people talking at once do not flap. When everyone is silent the last dominant speaker stays: the floor is never
 * handed to nobody. In the spirit of Jitsi's DominantSpeakerIdentification (speech activity over short and medium
 * windows) and LiveKit's smoothed audio levels; written here from that description.
 *
 * <p>It also keeps the speaker order for last-N: participants that have been dominant, most recent first.
 * Not thread-safe: one owner (the room's speaker timer) calls it.
 */
public final class DominantSpeakerDetector {
    /** The tuning; times in nanoseconds, levels in dB. */
    public record Settings(int silenceFloorDbov, long shortWindowNanos, long mediumWindowNanos,
                           double activationDb, double marginDb, long holdNanos) {
        /**
         * -50 dBov floor (room noise of a real microphone sits around -60..-70); 300 ms / 1.5 s windows; a
         * challenger needs 3 dB more than the speaker for 800 ms; 2 dB of medium score makes someone a speaker at all.
         */
        public static final Settings DEFAULT = new Settings(50, 300_000_000L, 1_500_000_000L, 2.0, 3.0,
                800_000_000L);

        public Settings {
            if (silenceFloorDbov < 0 || silenceFloorDbov > 127) {
                throw new IllegalArgumentException("silence floor must be 0-127 dBov below full scale");
            }
            if (shortWindowNanos <= 0 || mediumWindowNanos <= 0 || holdNanos < 0) {
                throw new IllegalArgumentException("windows must be positive and the hold not negative");
            }
        }
    }

    /**
     * One participant's audio over the last tick.
     *
     * @param participantId who
     * @param packets       audio packets that carried a level in the tick (0: silent, muted or not sending)
     * @param loudnessSum   the sum over those packets of {@code 127 - level}, level being the RFC 6464 value
     *                      (0 = 0 dBov, the loudest, 127 = -127 dBov or silence)
     */
    public record Sample(String participantId, int packets, long loudnessSum) {
    }

    private static final class Speaker {
        double shortScore;
        double mediumScore;
    }

    private final Settings settings;
    private final Map<String, Speaker> speakers = new HashMap<>();
    /** Participants that were dominant, most recent first. */
    private final LinkedHashMap<String, Boolean> recent = new LinkedHashMap<>();
    private String dominant;
    private String challenger;
    private long challengerSince;
    private long lastUpdate = Long.MIN_VALUE;

    public DominantSpeakerDetector(Settings settings) {
        this.settings = settings;
    }

    /**
     * Feeds one tick. Participants without a sample in {@code samples} are taken as silent.
     *
     * @return true when the dominant speaker changed
     */
    public boolean update(List<Sample> samples, long nowNanos) {
        long elapsed = lastUpdate == Long.MIN_VALUE ? settings.shortWindowNanos() / 2 : nowNanos - lastUpdate;
        lastUpdate = nowNanos;
        if (elapsed <= 0) {
            return false;
        }
        double shortWeight = weight(elapsed, settings.shortWindowNanos());
        double mediumWeight = weight(elapsed, settings.mediumWindowNanos());
        Map<String, Double> levels = new HashMap<>();
        for (Sample s : samples) {
            levels.put(s.participantId(), aboveFloor(s));
            speakers.computeIfAbsent(s.participantId(), id -> new Speaker());
        }
        for (Map.Entry<String, Speaker> e : speakers.entrySet()) {
            double level = levels.getOrDefault(e.getKey(), 0.0);
            Speaker sp = e.getValue();
            sp.shortScore += (level - sp.shortScore) * shortWeight;
            sp.mediumScore += (level - sp.mediumScore) * mediumWeight;
        }
        return decide(nowNanos);
    }

    private boolean decide(long nowNanos) {
        String best = null;
        double bestScore = settings.activationDb();
        for (Map.Entry<String, Speaker> e : speakers.entrySet()) {
            if (!e.getKey().equals(dominant) && e.getValue().mediumScore > bestScore) {
                best = e.getKey();
                bestScore = e.getValue().mediumScore;
            }
        }
        if (best == null) {
            challenger = null;
            return false;
        }
        if (dominant == null) {
            makeDominant(best);
            return true;
        }
        double floor = speakers.get(dominant).mediumScore + settings.marginDb();
        if (bestScore <= floor) {
            challenger = null;
            return false;
        }
        if (!best.equals(challenger)) {
            challenger = best;
            challengerSince = nowNanos;
        }
        if (nowNanos - challengerSince < settings.holdNanos()) {
            return false;
        }
        makeDominant(best);
        return true;
    }

    private void makeDominant(String id) {
        dominant = id;
        challenger = null;
        recent.remove(id);
        LinkedHashMap<String, Boolean> reordered = new LinkedHashMap<>();
        reordered.put(id, Boolean.TRUE);
        reordered.putAll(recent);
        recent.clear();
        recent.putAll(reordered);
    }

    /** A participant left: it can no longer be dominant (the floor stays empty until someone speaks). */
    public void remove(String participantId) {
        speakers.remove(participantId);
        recent.remove(participantId);
        if (participantId.equals(challenger)) {
            challenger = null;
        }
        if (participantId.equals(dominant)) {
            dominant = null;
        }
    }

    /** The dominant speaker, or null before anyone spoke (or after the last one left). */
    public String dominant() {
        return dominant;
    }

    /** Everyone who has been dominant, most recent first. */
    public List<String> recentSpeakers() {
        return new ArrayList<>(recent.keySet());
    }

    /** The participant's short-window score (dB above the silence floor), 0 when unknown; for statistics. */
    public double shortScore(String participantId) {
        Speaker sp = speakers.get(participantId);
        return sp == null ? 0 : sp.shortScore;
    }

    private double aboveFloor(Sample s) {
        if (s.packets() <= 0) {
            return 0;
        }
        double meanLoudness = (double) s.loudnessSum() / s.packets();
        return Math.max(0, meanLoudness - (127 - settings.silenceFloorDbov()));
    }

    /** Exponential smoothing weight for {@code elapsed} against time constant {@code window}. */
    private static double weight(long elapsed, long window) {
        return 1 - Math.exp(-(double) elapsed / window);
    }
}
