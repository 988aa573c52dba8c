package dev.vireo.sfu.speaker;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Last-N: whose video one subscriber receives in a large room. The N participants other than the subscriber that
 * spoke most recently (in the order of {@link DominantSpeakerDetector#recentSpeakers()}), topped up with those who
 * never spoke in the order they joined, so the first N to join are seen before anyone has said a word. A pure
 * function.
 */
public final class LastN {
    private LastN() {
    }

    /**
     * @param n            how many videos to forward; 0 or less means no limit (returns null)
     * @param subscriberId whose selection this is (never in it)
     * @param speakers     participants that were dominant, most recent first
     * @param members      everyone in the room, in join order
     * @return the publishers whose video the subscriber receives, in order, or null for "everyone"
     */
    public static Set<String> select(int n, String subscriberId, List<String> speakers, List<String> members) {
        if (n <= 0) {
            return null;
        }
        Set<String> present = Set.copyOf(members);
        Set<String> out = new LinkedHashSet<>();
        for (String id : speakers) {
            if (out.size() < n && !id.equals(subscriberId) && present.contains(id)) {
                out.add(id);
            }
        }
        for (String id : members) {
            if (out.size() < n && !id.equals(subscriberId)) {
                out.add(id);
            }
        }
        return out;
    }
}
