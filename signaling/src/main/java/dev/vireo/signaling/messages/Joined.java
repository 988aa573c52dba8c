package dev.vireo.signaling.messages;

import java.util.List;

/**
 * The answer to {@link Join}.
 *
 * @param participants everyone else already in the room (never the joining client itself)
 */
public record Joined(int version, String room, String participantId, List<ParticipantInfo> participants,
                     List<IceServer> iceServers) implements ServerMessage {
    public static final String TYPE = "joined";

    public Joined {
        participants = List.copyOf(participants);
        iceServers = List.copyOf(iceServers);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
