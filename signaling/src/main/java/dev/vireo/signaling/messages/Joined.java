package dev.vireo.signaling.messages;

import java.util.List;

/**
 * The answer to {@link Join}.
 *
 * @param resumeToken  the secret this client presents with {@code participantId} to resume after its connection
 *                     drops; known only to this client and replaced by every {@code joined}
 * @param participants everyone else already in the room (never the joining client itself)
 * @param role         {@code host}, {@code participant} or {@code viewer}
 * @param roomKind     {@code meeting} or {@code broadcast}
 * @param mayPublish   whether this client may send a publish offer
 */
public record Joined(int version, String room, String participantId, String resumeToken,
                     List<ParticipantInfo> participants, List<IceServer> iceServers, String role, String roomKind,
                     boolean mayPublish) implements ServerMessage {
    public static final String TYPE = "joined";

    public Joined {
        participants = List.copyOf(participants);
        iceServers = List.copyOf(iceServers);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Leaves the token out, so that logging or printing the message never reveals it. */
    @Override
    public String toString() {
        return "Joined[version=" + version + ", room=" + room + ", participantId=" + participantId
                + ", participants=" + participants + ", iceServers=" + iceServers + ", role=" + role + ", roomKind="
                + roomKind + ", mayPublish=" + mayPublish + "]";
    }
}
