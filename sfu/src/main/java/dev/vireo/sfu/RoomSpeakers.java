package dev.vireo.sfu;

import dev.vireo.sfu.speaker.DominantSpeakerDetector;
import dev.vireo.sfu.speaker.LastN;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

    RoomSpeakers(int lastN) {
        this.lastN = lastN;
    }

    /** One tick over the room's participants, in join order (room lock held). */
    void tick(Collection<Participant> participants, long nowNanos) {
        List<DominantSpeakerDetector.Sample> samples = new ArrayList<>(participants.size());
        List<String> members = new ArrayList<>(participants.size());
        for (Participant p : participants) {
            samples.add(p.audioSample());
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

    /** A participant left the room. */
    void remove(String participantId) {
        detector.remove(participantId);
    }
}
