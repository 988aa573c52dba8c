package dev.vireo.sfu;

import dev.vireo.buffer.PacketBuffer;
import dev.vireo.sdp.LocalTransport;
import dev.vireo.sdp.MediaKind;
import dev.vireo.sdp.ViewerOffer;
import dev.vireo.sfu.forward.InboundStream;
import dev.vireo.sfu.forward.OutboundStream;
import dev.vireo.sfu.forward.SsrcTable;
import dev.vireo.sfu.transport.MediaTransport;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A receive-only client that makes the offer itself (a WHEP player), where {@link SubscribeSession} has the SFU offer.
 * The SFU answers once with one send-only m-line per accepted line of the offer and keeps those m-lines for the
 * viewer's whole stay: whenever the publisher it follows publishes, leaves or comes back, the lines are re-fed from
 * its current tracks, so the player never renegotiates.
 *
 * <p>It follows the publisher named at the start, or else the first participant of the room that publishes. Control
 * calls run under the room's lock; packets touch only the outbound streams and a volatile SSRC table.
 */
public final class Viewer {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long LAYER_INTERVAL_MS = 250;

    private record Slot(ViewerOffer.Line line, OutboundStream stream) {
    }

    private final Room room;
    private final String id;
    private final String publisherId;
    private final Consumer<String> onClosed;
    private final SfuContext context;
    private final ViewerOffer offer;
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String answer;
    private volatile SsrcTable<OutboundStream> streamsBySsrc = SsrcTable.empty();
    private volatile MediaTransport transport;
    private String followed;
    /** Which simulcast layer each video line gets: the best one the viewer's downlink estimate allows. */
    private final VideoAllocation allocation;
    private final PeriodicTasks.Task layerTask;

    /** Room lock held. */
    Viewer(Room room, String id, ViewerOffer offer, String publisherId, Consumer<String> onClosed,
           SfuContext context) {
        this.room = room;
        this.id = id;
        this.allocation = new VideoAllocation(id);
        this.offer = offer;
        this.publisherId = publisherId;
        this.onClosed = onClosed;
        this.context = context;
        this.transport = newTransport();
        String cname = "vireo-" + Long.toHexString(RANDOM.nextLong());
        Map<String, ViewerOffer.Sending> sending = new HashMap<>();
        for (ViewerOffer.Line line : offer.lines()) {
            int ssrc = RANDOM.nextInt();
            int rtxSsrc = RANDOM.nextInt();
            OutboundStream stream = new OutboundStream(line.mid(), line.kind(), ssrc, rtxSsrc,
                    line.codecs().get(0).clockRate(), RANDOM.nextInt(1 << 16), RANDOM.nextLong() & 0xFFFFFFFFL);
            stream.transport(transport);
            stream.negotiated(true);
            slots.add(new Slot(line, stream));
            streamsBySsrc = streamsBySsrc.with(ssrc, stream);
            sending.put(line.mid(), new ViewerOffer.Sending(ssrc & 0xFFFFFFFFL, rtxSsrc & 0xFFFFFFFFL,
                    "vireo-" + room.id(), "vireo-" + room.id() + "-" + line.mid(), cname));
        }
        this.answer = offer.answer(transport.localParameters(), sending);
        this.layerTask = context.periodic().every(LAYER_INTERVAL_MS, this::runLayers);
        try {
            transport.connect(offer.iceUfrag(), offer.icePwd(), offer.fingerprint(), offer.candidates());
        } catch (IllegalArgumentException e) {
            layerTask.cancel();
            transport.close();
            throw e;
        }
    }

    /**
     * A transport towards the viewer that speaks its header extension ids, and whose downlink estimate sizes the
     * viewer's layers: probed (like a participant's) when its video takes RTX to carry the probes and transport-cc to
     * report them, else on the unprobed start.
     */
    private MediaTransport newTransport() {
        boolean probed = offer.lines().stream()
                .anyMatch(l -> l.kind() == MediaKind.VIDEO && l.transportCc() && !l.withRtx().isEmpty());
        MediaTransport t = context.newTransport(id + "/watch", new Handler(),
                probed ? MediaTransport.PROBED_ESTIMATE : MediaTransport.UNPROBED_ESTIMATE);
        t.remoteExtensionIds(offer.extensionIds());
        allocation.follow(t, probed, context.pacer());
        return t;
    }

    /** A WHEP player has no tiles: every video line gets the best layer its downlink carries (room lock taken). */
    private void runLayers() {
        List<OutboundStream> video = new ArrayList<>();
        synchronized (room) {
            if (closed.get()) {
                return;
            }
            for (Slot slot : slots) {
                if (slot.stream().track() != null) {
                    video.add(slot.stream());
                }
            }
            allocation.run(video, System.nanoTime());
        }
    }

    public String id() {
        return id;
    }

    /** The SFU's answer to the viewer's offer. */
    public String answer() {
        return answer;
    }

    /** The publisher whose tracks the viewer receives now, or null when nobody in the room publishes. */
    public String followedPublisher() {
        synchronized (room) {
            return followed;
        }
    }

    /**
     * A trickled remote candidate ("candidate:..."), or null / empty for end of candidates.
     *
     * @throws NegotiationException when the viewer has left
     */
    public void addRemoteCandidate(String candidate) throws NegotiationException {
        synchronized (room) {
            ensureOpen();
            transport.addRemoteCandidate(candidate);
        }
    }

    /**
     * An ICE restart (RFC 8839 §4.4.1.1.1): a fresh transport with new local credentials towards the viewer's new
     * ones; the m-lines, SSRCs and DTLS certificates stay. Returns the new local parameters for the answer.
     */
    public LocalTransport restartIce(String ufrag, String pwd, List<String> candidates) throws NegotiationException {
        synchronized (room) {
            ensureOpen();
            MediaTransport fresh = newTransport();
            try {
                fresh.connect(ufrag, pwd, offer.fingerprint(), candidates);
            } catch (IllegalArgumentException e) {
                fresh.close();
                throw new NegotiationException(e.getMessage(), e);
            }
            MediaTransport old = transport;
            transport = fresh;
            for (Slot slot : slots) {
                slot.stream().transport(fresh);
            }
            old.close();
            return fresh.localParameters();
        }
    }

    /** Stops sending and frees the transport. */
    public void close(String reason) {
        room.removeViewer(this, reason);
    }

    /** Re-feeds every line from the followed publisher's current tracks (room lock held). */
    void follow(Collection<Participant> participants) {
        if (closed.get()) {
            return;
        }
        Participant source = null;
        for (Participant p : participants) {
            if ((publisherId == null || publisherId.equals(p.id())) && !p.inboundStreams().isEmpty()) {
                source = p;
                break;
            }
        }
        followed = source == null ? null : source.id();
        for (Slot slot : slots) {
            InboundStream track = source == null ? null : trackFor(source, slot.line());
            if (track == null) {
                slot.stream().detach();
            } else if (slot.stream().source() != track) {
                // RTX carries the source codec's RTX payload type: only where the viewer took it for that codec.
                slot.stream().rtxNegotiated(slot.line().rtx(track.codec()));
                slot.stream().attach(track);
                if (transport.isReady()) {
                    slot.stream().requestKeyframe(System.nanoTime());
                }
            }
        }
    }

    private static InboundStream trackFor(Participant publisher, ViewerOffer.Line line) {
        for (InboundStream s : publisher.inboundStreams()) {
            if (s.kind() == line.kind() && line.codecs().contains(s.codec())) {
                return s;
            }
        }
        return null;
    }

    /** Frees the media (room lock held). */
    void closeMedia() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        layerTask.cancel();
        for (Slot slot : slots) {
            slot.stream().detach();
            slot.stream().negotiated(false);
        }
        transport.close();
    }

    void notifyClosed(String reason) {
        onClosed.accept(reason);
    }

    private void ensureOpen() throws NegotiationException {
        if (closed.get()) {
            throw new NegotiationException("viewer " + id + " has left the room");
        }
    }

    /** Media out; feedback (PLI, FIR, NACK, transport-cc, REMB) in. */
    private final class Handler implements MediaTransport.Handler {
        private final SubscriberFeedback feedback = new SubscriberFeedback(ssrc -> streamsBySsrc.get(ssrc),
                allocation);

        @Override
        public void onConnected(MediaTransport connected) {
            long now = System.nanoTime();
            for (Slot slot : slots) {
                slot.stream().requestKeyframe(now);
            }
        }

        @Override
        public void onRtp(MediaTransport from, PacketBuffer packet) {
            packet.release(); // a viewer sends no media
        }

        @Override
        public void onRtcp(MediaTransport from, PacketBuffer packet) {
            feedback.onRtcp(from, packet);
        }

        @Override
        public void onFailed(MediaTransport failed, String reason) {
            // An old transport replaced by an ICE restart may fail; only the current one ends the stay.
            if (failed != transport || closed.get()) {
                return;
            }
            room.removeViewer(Viewer.this, reason);
            onClosed.accept("watch connection failed: " + reason);
        }
    }
}
