package dev.vireo.signaling;

import dev.vireo.sfu.ParticipantListener;
import dev.vireo.sfu.SfuStats;

/**
 * A {@link MediaPlane} that hands every call to a real one; test media planes extend it and override only
 * {@link #addParticipant}, usually to wrap the session in a {@link ForwardingMediaSession}.
 */
class ForwardingMediaPlane implements MediaPlane {
    private final MediaPlane real;

    ForwardingMediaPlane(MediaPlane real) {
        this.real = real;
    }

    @Override
    public MediaSession addParticipant(String roomId, String participantId, ParticipantListener listener) {
        return real.addParticipant(roomId, participantId, listener);
    }

    @Override
    public SfuStats stats() {
        return real.stats();
    }

    @Override
    public void close() {
        real.close();
    }
}
