package dev.vireo.signaling;

import dev.vireo.sfu.NegotiationException;
import dev.vireo.sfu.ParticipantListener;
import dev.vireo.sfu.PeerConnectionRole;
import dev.vireo.sfu.SfuStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A media plane that negotiates nothing: it answers offers with a recognisable text, refuses SDP containing "bad",
 * records what it was asked, and lets a test play the SFU's side through each participant's listener.
 */
public final class FakeMediaPlane implements MediaPlane {
    /** One participant as the fake sees it. */
    public static final class FakeSession implements MediaSession {
        public final String roomId;
        public final String participantId;
        public final ParticipantListener listener;
        public final List<String> calls = new CopyOnWriteArrayList<>();
        public volatile String closedReason;
        /** Candidates to trickle from inside handlePublishOffer, before the answer is returned. */
        public volatile List<String> candidatesDuringPublish = List.of();

        FakeSession(String roomId, String participantId, ParticipantListener listener) {
            this.roomId = roomId;
            this.participantId = participantId;
            this.listener = listener;
        }

        @Override
        public String handlePublishOffer(String offerSdp) throws NegotiationException {
            calls.add("publish-offer " + offerSdp);
            if (offerSdp.contains("bad")) {
                throw new NegotiationException("no BUNDLE group in the offer");
            }
            if (offerSdp.contains("crash")) {
                throw new IllegalStateException("simulated bug");
            }
            for (String candidate : candidatesDuringPublish) {
                listener.onLocalCandidate(PeerConnectionRole.PUBLISH, candidate, "0", 0);
            }
            return "answer to " + offerSdp;
        }

        @Override
        public void handleSubscribeAnswer(String answerSdp) throws NegotiationException {
            calls.add("subscribe-answer " + answerSdp);
            if (answerSdp.contains("bad")) {
                throw new NegotiationException("answer does not match the offer");
            }
        }

        @Override
        public void addRemoteCandidate(PeerConnectionRole role, String candidate) throws NegotiationException {
            calls.add("candidate " + role + " " + candidate);
            if (candidate != null && candidate.contains("bad")) {
                throw new NegotiationException("unparsable candidate");
            }
        }

        @Override
        public void close(String reason) {
            closedReason = reason;
        }
    }

    /** Every participant ever added, newest last. */
    public final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
    public final Map<String, Boolean> roomsSeen = new ConcurrentHashMap<>();
    public volatile boolean closed;
    public volatile boolean failAdd;

    @Override
    public MediaSession addParticipant(String roomId, String participantId, ParticipantListener listener) {
        if (failAdd) {
            throw new IllegalStateException("simulated media failure");
        }
        FakeSession session = new FakeSession(roomId, participantId, listener);
        sessions.add(session);
        roomsSeen.put(roomId, true);
        return session;
    }

    /** The newest participant with this id. */
    public FakeSession session(String participantId) {
        List<FakeSession> copy = new ArrayList<>(sessions);
        for (int i = copy.size() - 1; i >= 0; i--) {
            if (copy.get(i).participantId.equals(participantId)) {
                return copy.get(i);
            }
        }
        throw new AssertionError("no media participant " + participantId);
    }

    @Override
    public SfuStats stats() {
        long open = sessions.stream().filter(s -> s.closedReason == null).count();
        return new SfuStats((int) roomsSeen.size(), (int) open, 0, 0, 0);
    }

    @Override
    public void close() {
        closed = true;
    }
}
