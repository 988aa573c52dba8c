package dev.vireo.signaling;

import dev.vireo.auth.Role;
import dev.vireo.signaling.messages.Bye;
import dev.vireo.signaling.messages.ErrorCode;
import dev.vireo.signaling.messages.HostAction;
import dev.vireo.signaling.messages.MutedByHost;
import dev.vireo.signaling.messages.ParticipantInfo;
import dev.vireo.signaling.messages.ParticipantUpdated;
import dev.vireo.signaling.messages.ProtocolException;
import java.util.List;
import java.util.logging.Logger;

/**
 * What a host may do to the others in a meeting: mute someone's microphone or camera, remove someone, make someone
 * host, end the meeting for all. The server decides who is a host (the role in the room's participant list, which a
 * host's promotion changes), so a participant's client cannot use these whatever it sends.
 */
final class HostControls {
    private static final Logger LOG = Logger.getLogger(HostControls.class.getName());
    /** Endings can race with new joins; a few rounds always empty a room that nobody can enter faster. */
    private static final int END_ROUNDS = 5;

    private HostControls() {
    }

    /**
     * Applies {@code action} from the participant {@code hostId} of {@code room}, owned by {@code host}.
     *
     * @throws ProtocolException {@code forbidden} when the sender is not a host, {@code bad-request} for a target
     *                           that is not in the room, is the sender itself, or cannot take the action
     */
    static void apply(SignalingServer.Context context, ClientSession host, String room, String hostId,
                      HostAction action) throws ProtocolException {
        RoomRegistry<ClientSession> registry = context.registry();
        if (!Role.HOST.wireName().equals(registry.roleOf(room, hostId, host))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only a host may " + action.action().wireName(),
                    action.type());
        }
        if (action.action() == HostAction.Action.END_MEETING) {
            LOG.info(() -> host.label() + ": host " + hostId + " ended the meeting in room " + room);
            endMeeting(context, room, "the host ended the meeting");
            return;
        }
        String targetId = action.participantId();
        if (targetId.equals(hostId)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "field 'participantId' must name someone else: use"
                    + " mute or leave for yourself", action.type());
        }
        ParticipantInfo target = registry.info(room, targetId);
        if (target == null) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "field 'participantId': no participant " + targetId
                    + " in room " + room, action.type());
        }
        switch (action.action()) {
            case MUTE_AUDIO -> mute(registry, room, targetId, hostId, true, null);
            case MUTE_VIDEO -> mute(registry, room, targetId, hostId, null, true);
            case REMOVE -> remove(context, room, targetId, hostId);
            case MAKE_HOST -> makeHost(registry, room, target, action);
            case END_MEETING -> throw new IllegalStateException("handled above");
        }
    }

    /**
     * Ends every stay in {@code room} with {@code bye} reason {@code meeting-ended}.
     *
     * @return how many stays it ended
     */
    static int endMeeting(SignalingServer.Context context, String room, String message) {
        int ended = 0;
        for (int round = 0; round < END_ROUNDS; round++) {
            List<ClientSession> sessions = context.registry().sessions(room);
            if (sessions.isEmpty()) {
                break;
            }
            for (ClientSession session : sessions) {
                if (session.endByHost(new Bye(Bye.MEETING_ENDED, message), null)) {
                    ended++;
                }
            }
        }
        return ended;
    }

    private static void mute(RoomRegistry<ClientSession> registry, String room, String targetId, String hostId,
                             Boolean audio, Boolean video) {
        RoomRegistry.HostUpdate<ClientSession> update =
                registry.hostChange(room, targetId, info -> info.withMute(audio, video));
        if (update == null) {
            return; // left meanwhile
        }
        update.target().deliver(new MutedByHost(audio, video, hostId));
        ParticipantUpdated news = new ParticipantUpdated(update.info());
        update.otherSessions().forEach(s -> s.deliver(news));
    }

    private static void remove(SignalingServer.Context context, String room, String targetId, String hostId) {
        ClientSession target = context.registry().sessionOf(room, targetId);
        if (target == null) {
            return;
        }
        // Banned first, so that a rejoin racing with the bye is already refused.
        context.removals().remove(room, target.identity());
        target.endByHost(new Bye(Bye.REMOVED, "a host removed you from the meeting"), room);
        LOG.info(() -> "host " + hostId + " removed " + targetId + " from room " + room);
    }

    private static void makeHost(RoomRegistry<ClientSession> registry, String room, ParticipantInfo target,
                                 HostAction action) throws ProtocolException {
        if (Role.VIEWER.wireName().equals(target.role())) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "field 'participantId': a viewer cannot be made"
                    + " host, viewers do not publish", action.type());
        }
        RoomRegistry.HostUpdate<ClientSession> update =
                registry.hostChange(room, target.id(), info -> info.withRole(Role.HOST.wireName()));
        if (update == null) {
            return;
        }
        // Everyone, the new host included: that is how its client learns the role.
        ParticipantUpdated news = new ParticipantUpdated(update.info());
        update.target().deliver(news);
        update.otherSessions().forEach(s -> s.deliver(news));
    }
}
