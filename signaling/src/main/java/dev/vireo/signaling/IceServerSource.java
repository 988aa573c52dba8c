package dev.vireo.signaling;

import dev.vireo.signaling.messages.IceServer;
import java.util.List;

/**
 * The ICE servers one joining participant is told about in {@code joined}: asked at every join, so that TURN
 * credentials can be fresh and name the participant.
 */
@FunctionalInterface
public interface IceServerSource {
    List<IceServer> forParticipant(String participantId);

    /** The same list for everyone (STUN, or none). */
    static IceServerSource fixed(List<IceServer> servers) {
        List<IceServer> copy = List.copyOf(servers);
        return participantId -> copy;
    }
}
