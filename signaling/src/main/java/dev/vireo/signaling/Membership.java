package dev.vireo.signaling;

import dev.vireo.auth.Admission;
import dev.vireo.auth.RoomKind;
import dev.vireo.signaling.messages.Candidate;
import dev.vireo.signaling.messages.Joined;
import dev.vireo.signaling.messages.PublishAnswer;
import dev.vireo.signaling.messages.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One stay of a session in a room, from {@code join} to its end; holds back what must not reach the client too early.
 *
 * <p>Messages for the client (from other sessions and from the media plane, on any thread) pass through
 * {@link #deliver}: before {@code joined} has gone out they wait, so {@code joined} is always the first message of a
 * stay; while a publish offer is being answered, candidates of the publish PeerConnection wait, so the browser never
 * gets a candidate before the answer it belongs to. After the stay ended nothing more is delivered.
 *
 * <p>The object's monitor serialises the stay's lifecycle (join, end) in {@link ClientSession}; the gate below is a
 * separate leaf lock held only while queueing frames, so delivering to another session never waits on a lifecycle.
 */
final class Membership {
    final String roomId;
    /** How this stay entered the room: its role, and what the room allows it. */
    final Admission entry;
    /** Whether the others see this participant: viewers of a broadcast are neither listed nor announced. */
    final boolean visible;
    /** Set once in join, under this object's monitor. */
    String participantId;
    /** Set once in join, under this object's monitor. */
    MediaSession media;
    /** Guarded by this object's monitor. */
    boolean ended;
    /** When the WebSocket closed without leave: the end of the resume grace. Guarded by this object's monitor. */
    ScheduledFuture<?> resumeDeadline;

    private final ClientConnection connection;
    private final Object gate = new Object();
    private boolean ready;
    private boolean closedForDelivery;
    private boolean holdPublishCandidates;
    private final List<ServerMessage> waiting = new ArrayList<>();
    private final List<ServerMessage> heldCandidates = new ArrayList<>();

    Membership(String roomId, ClientConnection connection, Admission entry) {
        this.roomId = roomId;
        this.entry = entry;
        this.visible = entry.kind() != RoomKind.BROADCAST || entry.mayPublish();
        this.connection = connection;
    }

    /** Sends a message to the client now, or when the gate allows it. */
    void deliver(ServerMessage message) {
        synchronized (gate) {
            if (closedForDelivery) {
                return;
            }
            if (!ready) {
                waiting.add(message);
            } else if (holdPublishCandidates && message instanceof Candidate c && c.pc().equals(Candidate.PUBLISH)) {
                heldCandidates.add(message);
            } else {
                connection.deliver(message);
            }
        }
    }

    /** Sends {@code joined}, then everything that waited for it. */
    void open(Joined joined) {
        synchronized (gate) {
            connection.deliver(joined);
            ready = true;
            List<ServerMessage> queued = List.copyOf(waiting);
            waiting.clear();
            queued.forEach(this::deliver);
        }
    }

    /** From now until {@link #finishPublish}, publish candidates wait. */
    void startPublish() {
        synchronized (gate) {
            holdPublishCandidates = true;
        }
    }

    /**
     * Sends the answer, then the candidates that waited for it. With no answer (the offer was refused) the waiting
     * candidates belonged to nothing the client knows and are dropped.
     */
    void finishPublish(PublishAnswer answer) {
        synchronized (gate) {
            holdPublishCandidates = false;
            List<ServerMessage> held = List.copyOf(heldCandidates);
            heldCandidates.clear();
            if (answer != null) {
                deliver(answer);
                held.forEach(this::deliver);
            }
        }
    }

    /** Nothing more is delivered in this stay. */
    void closeDelivery() {
        synchronized (gate) {
            closedForDelivery = true;
            waiting.clear();
            heldCandidates.clear();
        }
    }
}
