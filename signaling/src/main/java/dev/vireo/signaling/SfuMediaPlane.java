package dev.vireo.signaling;

import dev.vireo.sfu.NegotiationException;
import dev.vireo.sfu.Participant;
import dev.vireo.sfu.ParticipantListener;
import dev.vireo.sfu.PeerConnectionRole;
import dev.vireo.sfu.Sfu;
import dev.vireo.sfu.SfuStats;

/** The {@link Sfu} as the signaling layer's media plane. */
public final class SfuMediaPlane implements MediaPlane {
    private final Sfu sfu;

    /** Takes ownership of a started SFU: {@link #close()} closes it. */
    public SfuMediaPlane(Sfu sfu) {
        this.sfu = sfu;
    }

    @Override
    public MediaSession addParticipant(String roomId, String participantId, ParticipantListener listener) {
        Participant participant = sfu.join(roomId, participantId, listener);
        return new MediaSession() {
            @Override
            public String handlePublishOffer(String offerSdp) throws NegotiationException {
                return participant.handlePublishOffer(offerSdp);
            }

            @Override
            public void handleSubscribeAnswer(String answerSdp) throws NegotiationException {
                participant.handleSubscribeAnswer(answerSdp);
            }

            @Override
            public void addRemoteCandidate(PeerConnectionRole role, String candidate) throws NegotiationException {
                participant.addRemoteCandidate(role, candidate);
            }

            @Override
            public void videoLayout(java.util.Map<String, dev.vireo.sfu.VideoTile> tiles) {
                participant.videoLayout(tiles);
            }

            @Override
            public void close(String reason) {
                participant.close(reason);
            }
        };
    }

    @Override
    public SfuStats stats() {
        return sfu.stats();
    }

    @Override
    public void close() {
        sfu.close();
    }
}
