package dev.vireo.sfu;

import dev.vireo.sdp.ViewerOffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Participants forwarding media to each other.
 *
 * <p>Membership and subscriptions change under this room's monitor (signaling threads; never a lock shared by all
 * rooms). The packet path never takes it: it reads the immutable subscriber arrays those changes publish.
 */
public final class Room {
    private static final Logger LOG = Logger.getLogger(Room.class.getName());

    private final String id;
    private final SfuContext context;
    private final Sfu sfu;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    /** Receive-only clients that made their own offer (WHEP); they keep the room open like participants. */
    private final List<Viewer> viewers = new ArrayList<>();
    private final RoomSpeakers speakers;
    private final PeriodicTasks.Task speakerTask;
    private boolean closed;

    Room(String id, SfuContext context, Sfu sfu) {
        this.id = id;
        this.context = context;
        this.sfu = sfu;
        this.speakers = new RoomSpeakers(context.config().lastN());
        this.speakerTask = context.periodic().every(RoomSpeakers.TICK_MS, this::tickSpeakers);
    }

    private synchronized void tickSpeakers() {
        if (!closed) {
            speakers.tick(participants.values(), System.nanoTime());
        }
    }

    /** The room's name, as in {@code /room/{id}}. */
    public String id() {
        return id;
    }

    /**
     * Adds a participant. When one with the same id is already here (a client rejoining after its signaling dropped),
     * the old one is closed and the new one takes over its outgoing streams, so subscribers see one continuous stream.
     *
     * @throws IllegalStateException when the room has just been closed (its last participant left); ask the SFU for
     *                               the room again
     */
    public synchronized Participant addParticipant(String participantId, ParticipantListener listener) {
        if (closed) {
            throw new IllegalStateException("room " + id + " is closed");
        }
        Participant previous = participants.get(participantId);
        if (previous != null) {
            LOG.info(() -> "room " + id + ": " + participantId + " rejoined; replacing its old session");
            previous.closeMedia(); // others keep their slots for this id: the new session feeds them
        }
        Participant participant = new Participant(this, participantId, listener, context);
        participants.put(participantId, participant);
        for (Participant other : participants.values()) {
            if (other != participant) {
                participant.subscribeTo(other);
            }
        }
        participant.negotiateSubscriptions();
        return participant;
    }

    /** A participant's published streams changed: everyone else subscribes to the new set. */
    synchronized void published(Participant publisher) {
        for (Participant other : participants.values()) {
            if (other != publisher) {
                other.subscribeTo(publisher);
                other.negotiateSubscriptions();
            }
        }
        refeedViewers();
    }

    /**
     * Adds a viewer that offered {@code offer}; it follows {@code publisherId}, or the first publisher when null.
     *
     * @throws IllegalStateException when the room has just been closed; ask the SFU for the room again
     */
    synchronized Viewer addViewer(String viewerId, ViewerOffer offer, String publisherId, Consumer<String> onClosed) {
        if (closed) {
            throw new IllegalStateException("room " + id + " is closed");
        }
        Viewer viewer = new Viewer(this, viewerId, offer, publisherId, onClosed, context);
        viewers.add(viewer);
        viewer.follow(participants.values());
        return viewer;
    }

    /** Removes a viewer and frees its media. */
    void removeViewer(Viewer viewer, String reason) {
        boolean empty;
        synchronized (this) {
            viewer.closeMedia();
            if (!viewers.remove(viewer)) {
                return;
            }
            LOG.fine(() -> "room " + id + ": viewer " + viewer.id() + " left (" + reason + ")");
            empty = participants.isEmpty() && viewers.isEmpty();
            if (empty) {
                closed = true;
            }
        }
        if (empty) {
            sfu.roomClosed(this);
        }
    }

    /** Ids of the participants that publish at least one track, in join order. */
    public synchronized List<String> publisherIds() {
        List<String> out = new ArrayList<>();
        for (Participant p : participants.values()) {
            if (!p.inboundStreams().isEmpty()) {
                out.add(p.id());
            }
        }
        return out;
    }

    /** Bytes of RTP received from every publisher of the room so far. */
    public synchronized long receivedBytes() {
        long sum = 0;
        for (Participant p : participants.values()) {
            sum += p.receivedBytes();
        }
        return sum;
    }

    public synchronized int viewerCount() {
        return viewers.size();
    }

    private void refeedViewers() {
        for (Viewer viewer : viewers) {
            viewer.follow(participants.values());
        }
    }

    /** Removes a participant, if it is still the current one under its id. */
    void remove(Participant participant, String reason) {
        boolean empty;
        synchronized (this) {
            if (participants.get(participant.id()) != participant) {
                participant.closeMedia(); // replaced by a rejoin, or already gone
                return;
            }
            participants.remove(participant.id());
            speakers.remove(participant.id());
            participant.closeMedia();
            for (Participant other : participants.values()) {
                other.unsubscribeFrom(participant.id());
                other.negotiateSubscriptions();
            }
            refeedViewers();
            LOG.info(() -> "room " + id + ": " + participant.id() + " left (" + reason + ")");
            empty = participants.isEmpty() && viewers.isEmpty();
            if (empty) {
                closed = true;
                speakerTask.cancel();
            }
        }
        if (empty) {
            sfu.roomClosed(this);
        }
    }

    public synchronized int participantCount() {
        return participants.size();
    }

    /** Closes every participant's media; used when the SFU shuts down. */
    List<Participant> closeAll() {
        List<Participant> all;
        List<Viewer> watching;
        synchronized (this) {
            closed = true;
            speakerTask.cancel();
            all = new ArrayList<>(participants.values());
            participants.clear();
            for (Participant p : all) {
                p.closeMedia();
            }
            watching = new ArrayList<>(viewers);
            viewers.clear();
            watching.forEach(Viewer::closeMedia);
        }
        watching.forEach(v -> v.notifyClosed("server shutting down"));
        return all;
    }
}
