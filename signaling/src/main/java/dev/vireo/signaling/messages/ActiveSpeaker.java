package dev.vireo.signaling.messages;

import java.util.List;

/**
 * {@code {"type":"active-speaker","participantId":"Hx7Qe0aPzWcT3bYk","speakers":["Hx7Qe0aPzWcT3bYk","nq3x0FzB1vD8sY2k"]}}:
 * the room's dominant speaker changed (from the audio levels its media carries), or, with last-N on, the set of
 * videos this client receives did.
 *
 * @param participantId  the dominant speaker; absent before anyone spoke or once they left
 * @param speakers       everyone who has been dominant, most recent first (the client itself included)
 * @param videoForwarded with last-N on: whose video this client receives; absent when everyone's is forwarded
 */
public record ActiveSpeaker(String participantId, List<String> speakers, List<String> videoForwarded)
        implements ServerMessage {
    public static final String TYPE = "active-speaker";

    public ActiveSpeaker {
        speakers = List.copyOf(speakers);
        videoForwarded = videoForwarded == null ? null : List.copyOf(videoForwarded);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
