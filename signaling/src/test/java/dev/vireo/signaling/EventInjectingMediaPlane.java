package dev.vireo.signaling;

import dev.vireo.sfu.NegotiationException;
import dev.vireo.sfu.ParticipantListener;
import dev.vireo.sfu.PeerConnectionRole;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real media plane, plus a hand on the listener signaling gave it for each participant, to inject media-plane
 * events the real SFU never produces on demand: it puts its own candidates in its SDP and never trickles them, and it
 * does not speak to a participant after it left or after signaling stopped. Signaling still has to relay and gate
 * such calls correctly (candidates after the answer, nothing after the end of a stay), so tests fire them here.
 * Offers, answers and candidates from clients all go to the real media plane.
 */
public final class EventInjectingMediaPlane extends ForwardingMediaPlane {
    private final Map<String, ParticipantListener> listeners = new ConcurrentHashMap<>();
    private volatile List<String> candidatesDuringPublish = List.of();

    public EventInjectingMediaPlane(MediaPlane real) {
        super(real);
    }

    /** The listener of the newest participant with this id. */
    public ParticipantListener listener(String participantId) {
        ParticipantListener listener = listeners.get(participantId);
        if (listener == null) {
            throw new AssertionError("no media participant " + participantId);
        }
        return listener;
    }

    /**
     * From now on, each publish offer trickles these publish candidates after the real SFU answered it but before
     * the answer goes back to signaling ("" is end-of-candidates).
     */
    public void trickleDuringPublish(List<String> candidates) {
        candidatesDuringPublish = List.copyOf(candidates);
    }

    @Override
    public MediaSession addParticipant(String roomId, String participantId, ParticipantListener listener) {
        listeners.put(participantId, listener);
        MediaSession session = super.addParticipant(roomId, participantId, listener);
        return new ForwardingMediaSession(session) {
            @Override
            public String handlePublishOffer(String offerSdp) throws NegotiationException {
                String answer = super.handlePublishOffer(offerSdp);
                for (String candidate : candidatesDuringPublish) {
                    listener.onLocalCandidate(PeerConnectionRole.PUBLISH, candidate, "0", 0);
                }
                return answer;
            }
        };
    }
}
