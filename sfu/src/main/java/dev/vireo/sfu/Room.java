package dev.vireo.sfu;

/** Participants forwarding media to each other. */
public final class Room {
    /** The room's name, as in {@code /room/{id}}. */
    public String id() {
        throw new UnsupportedOperationException("TODO: being written");
    }

    /**
     * Adds a participant. When one with the same id is already here (a client rejoining after its signaling dropped),
     * the old one is closed and the new one takes over its outgoing streams, so subscribers see one continuous stream.
     */
    public Participant addParticipant(String participantId, ParticipantListener listener) {
        throw new UnsupportedOperationException("TODO: being written");
    }

    public int participantCount() {
        throw new UnsupportedOperationException("TODO: being written");
    }
}
