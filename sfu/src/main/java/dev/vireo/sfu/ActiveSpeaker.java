package dev.vireo.sfu;

import java.util.List;

/**
 * Who speaks in the room, as one participant is told: the dominant speaker, the speaker order, and (with last-N on)
 * whose video this participant receives.
 *
 * @param participantId  the dominant speaker, null before anyone spoke or after they left
 * @param speakers       participants that have been dominant, most recent first (may include the recipient)
 * @param videoForwarded with last-N: the publishers whose video the recipient receives (the others' video is paused);
 *                       null when last-N is off and everyone's video is forwarded
 */
public record ActiveSpeaker(String participantId, List<String> speakers, List<String> videoForwarded) {
    public ActiveSpeaker {
        speakers = List.copyOf(speakers);
        videoForwarded = videoForwarded == null ? null : List.copyOf(videoForwarded);
    }

    static final ActiveSpeaker NOBODY = new ActiveSpeaker(null, List.of(), null);
}
