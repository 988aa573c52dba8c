package dev.vireo.sfu;

import dev.vireo.sfu.forward.InboundStream;
import dev.vireo.sfu.speaker.DominantSpeakerDetector;
import dev.vireo.sfu.speaker.LastN;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A room's dominant speaker and last-N selection: every tick it reads each participant's audio levels since the last
 * tick, runs the {@link DominantSpeakerDetector}, and hands each participant what it should know
 * ({@link Participant#speakers}). Runs on the SFU timer under the room's lock.
 */
final class RoomSpeakers {
    /** How often levels are read: a few packets per participant per tick, and prompt enough for the 800 ms hold. */
    static final long TICK_MS = 200;

    private final DominantSpeakerDetector detector =
            new DominantSpeakerDetector(DominantSpeakerDetector.Settings.DEFAULT);
    private final int lastN;
    /** Per participant: the audio stream its levels were last read from, and that reading. */
    private final Map<String, Reading> readings = new HashMap<>();

    private record Reading(InboundStream stream, long levels) {
    }

    RoomSpeakers(int lastN) {
        this.lastN = lastN;
    }

    /** One tick over the room's participants, in join order (room lock held). */
    void tick(Collection<Participant> participants, long nowNanos) {
        List<DominantSpeakerDetector.Sample> samples = new ArrayList<>(participants.size());
        List<String> members = new ArrayList<>(participants.size());
        for (Participant p : participants) {
            samples.add(sample(p));
            members.add(p.id());
        }
        detector.update(samples, nowNanos);
        List<String> recent = detector.recentSpeakers();
        for (Participant p : participants) {
            Set<String> forwarded = LastN.select(lastN, p.id(), recent, members);
            p.speakers(new ActiveSpeaker(detector.dominant(), recent,
                    forwarded == null ? null : List.copyOf(forwarded)));
        }
    }

    /** Audio levels received from {@code p} since the last tick. */
    private DominantSpeakerDetector.Sample sample(Participant p) {
        InboundStream audio = p.audioStream();
        if (audio == null) {
            readings.remove(p.id());
            return new DominantSpeakerDetector.Sample(p.id(), 0, 0);
        }
        long total = audio.audioLevels();
        Reading last = readings.put(p.id(), new Reading(audio, total));
        // A new stream (first tick, republish, rejoin): this reading is the baseline.
        long delta = last != null && last.stream() == audio ? total - last.levels() : 0;
        return new DominantSpeakerDetector.Sample(p.id(), (int) (delta >>> 32), delta & 0xFFFFFFFFL);
    }

    /** A participant left the room. */
    void remove(String participantId) {
        detector.remove(participantId);
        readings.remove(participantId);
    }
}
