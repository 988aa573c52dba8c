package dev.vireo.signaling;

import dev.vireo.sdp.LocalTransport;
import dev.vireo.sfu.NegotiationException;
import dev.vireo.sfu.Participant;
import dev.vireo.sfu.ParticipantListener;
import dev.vireo.sfu.PeerConnectionRole;
import dev.vireo.sfu.Room;
import dev.vireo.sfu.Sfu;
import dev.vireo.sfu.SfuStats;
import dev.vireo.sfu.Viewer;
import java.util.List;
import java.util.function.Consumer;

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
    public ViewerMedia watch(String roomId, String viewerId, String offerSdp, String publisherId,
                             Consumer<String> onClosed) throws NegotiationException {
        Viewer viewer = sfu.watch(roomId, viewerId, offerSdp, publisherId, onClosed);
        return new ViewerMedia() {
            @Override
            public String answer() {
                return viewer.answer();
            }

            @Override
            public String followedPublisher() {
                return viewer.followedPublisher();
            }

            @Override
            public void addRemoteCandidate(String candidate) throws NegotiationException {
                viewer.addRemoteCandidate(candidate);
            }

            @Override
            public LocalTransport restartIce(String ufrag, String pwd, List<String> candidates)
                    throws NegotiationException {
                return viewer.restartIce(ufrag, pwd, candidates);
            }

            @Override
            public void close(String reason) {
                viewer.close(reason);
            }
        };
    }

    @Override
    public RoomMedia roomMedia(String roomId) {
        Room room = sfu.existingRoom(roomId);
        return room == null ? RoomMedia.NONE
                : new RoomMedia(room.publisherIds(), room.receivedBytes(), room.viewerCount());
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
