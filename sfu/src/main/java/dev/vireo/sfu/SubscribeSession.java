package dev.vireo.sfu;

import dev.vireo.sdp.MediaKind;
import dev.vireo.sdp.OutgoingTrack;
import dev.vireo.sdp.SdpException;
import dev.vireo.sdp.SubscribeAnswer;
import dev.vireo.sdp.SubscribeOffer;
import dev.vireo.sfu.forward.InboundStream;
import dev.vireo.sfu.forward.OutboundStream;
import dev.vireo.sfu.forward.SsrcTable;
import dev.vireo.sfu.transport.MediaTransport;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A participant's subscribe PeerConnection as the SFU sees it: one m-line ("slot") per remote track, in the order
 * they were first offered, and the offer/answer state machine. Only the SFU offers here, one offer at a time; changes
 * made while an offer is out are collected and sent as the next offer once the answer arrives.
 *
 * <p>A slot is keyed by publisher id and track key, so a publisher that rejoins under the same id keeps feeding the
 * same outgoing SSRC and m-line. When a track goes away its slot turns inactive and may later carry a new track of
 * the same kind. Called with the room's lock held.
 */
final class SubscribeSession {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final class Slot {
        final String mid;
        final MediaKind kind;
        String key;
        String streamId;
        String trackId;
        OutboundStream stream;
        boolean active;

        Slot(String mid, MediaKind kind) {
            this.mid = mid;
            this.kind = kind;
        }
    }

    private final Consumer<String> offerSink;
    private final List<Slot> slots = new ArrayList<>();
    private final Map<String, Slot> slotsByKey = new LinkedHashMap<>();
    private final String cname;
    private MediaTransport transport;
    /** Read by the subscribe transport's receive thread (RTCP feedback), replaced under the room lock. */
    private volatile SsrcTable<OutboundStream> streamsBySsrc = SsrcTable.empty();
    private List<OutgoingTrack> offered = List.of();
    private boolean offerOutstanding;
    private boolean dirty;
    private long version;

    SubscribeSession(Consumer<String> offerSink) {
        this.offerSink = offerSink;
        this.cname = "vireo-" + Long.toHexString(RANDOM.nextLong());
    }

    /** Makes sure {@code source} reaches this participant, on its existing slot when the key is known. */
    void subscribe(InboundStream source) {
        String key = source.publisherId() + "/" + source.trackKey();
        Slot slot = slotsByKey.get(key);
        if (slot == null) {
            slot = freeSlot(source.kind());
            slot.key = key;
            slot.streamId = source.publisherId();
            slot.trackId = source.publisherId() + "-" + source.trackKey();
            if (slot.stream != null) {
                streamsBySsrc = streamsBySsrc.withoutValue(slot.stream);
            }
            slot.stream = newStream(slot, source);
            streamsBySsrc = streamsBySsrc.with(slot.stream.ssrc(), slot.stream);
            slot.active = true;
            slotsByKey.put(key, slot);
            dirty = true;
        }
        slot.stream.attach(source);
        if (transport != null && transport.isReady()) {
            slot.stream.requestKeyframe(System.nanoTime());
        }
    }

    /** Stops every slot fed by this publisher; their m-lines turn inactive in the next offer. */
    void unsubscribePublisher(String publisherId) {
        String prefix = publisherId + "/";
        slotsByKey.entrySet().removeIf(entry -> {
            if (!entry.getKey().startsWith(prefix)) {
                return false;
            }
            Slot slot = entry.getValue();
            slot.stream.detach();
            slot.stream.negotiated(false);
            slot.active = false;
            slot.key = null;
            dirty = true;
            return true;
        });
    }

    private Slot freeSlot(MediaKind kind) {
        for (Slot slot : slots) {
            // Reuse only slots whose inactive state the client has already acknowledged.
            if (!slot.active && slot.kind == kind && slot.key == null && !isOffered(slot)) {
                return slot;
            }
        }
        Slot slot = new Slot(Integer.toString(slots.size()), kind);
        slots.add(slot);
        return slot;
    }

    private boolean isOffered(Slot slot) {
        for (OutgoingTrack track : offered) {
            if (track.mid().equals(slot.mid)) {
                return track.active();
            }
        }
        return false;
    }

    private OutboundStream newStream(Slot slot, InboundStream source) {
        OutboundStream stream = new OutboundStream(slot.mid, slot.kind, RANDOM.nextInt(), RANDOM.nextInt(),
                source.codec().clockRate(), RANDOM.nextInt(1 << 16), RANDOM.nextLong() & 0xFFFFFFFFL);
        stream.transport(transport);
        return stream;
    }

    /** Sends an offer when something changed and none is outstanding. */
    void negotiate(MediaTransport transportIfNew) {
        if (!dirty || offerOutstanding || slots.isEmpty()) {
            return;
        }
        if (transport == null) {
            transport = transportIfNew;
            for (Slot slot : slots) {
                if (slot.stream != null) {
                    slot.stream.transport(transport);
                }
            }
        }
        List<OutgoingTrack> tracks = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            long ssrc = slot.stream == null ? 0 : slot.stream.ssrc() & 0xFFFFFFFFL;
            // Video announces its RTX SSRC (a=ssrc-group:FID) so that the browser accepts retransmissions on it.
            long rtxSsrc = slot.stream == null || slot.kind != MediaKind.VIDEO ? -1 : slot.stream.rtxSsrc() & 0xFFFFFFFFL;
            tracks.add(new OutgoingTrack(slot.mid, slot.kind, slot.active, ssrc,
                    slot.active ? slot.streamId : "-", slot.active ? slot.trackId : "-", cname, rtxSsrc));
        }
        offered = List.copyOf(tracks);
        dirty = false;
        offerOutstanding = true;
        offerSink.accept(SubscribeOffer.build(transport.localParameters(), ++version, offered));
    }

    boolean needsTransport() {
        return transport == null && dirty && !slots.isEmpty();
    }

    /**
     * Applies the client's answer to the outstanding offer and returns the transport parameters it carried.
     *
     * @throws SdpException when there is no outstanding offer or the answer does not fit it
     */
    SubscribeAnswer onAnswer(String sdp) throws SdpException {
        if (!offerOutstanding) {
            throw new SdpException("no subscribe offer is waiting for an answer");
        }
        SubscribeAnswer answer = SubscribeOffer.parseAnswer(sdp, offered);
        offerOutstanding = false;
        for (Slot slot : slots) {
            if (slot.stream == null) {
                continue;
            }
            InboundStream source = slot.stream.source();
            boolean ok = slot.active && source != null && !answer.rejected(slot.mid)
                    && answer.accepts(slot.mid, source.codec());
            boolean wasNegotiated = slot.stream.negotiated();
            slot.stream.negotiated(ok);
            slot.stream.rtxNegotiated(ok && answer.acceptsRtx(slot.mid, source.codec()));
            // Before the transport is up a keyframe would only be dropped, and the per-publisher request limit
            // would then delay the one onTransportConnected asks for.
            if (ok && !wasNegotiated && transport.isReady()) {
                slot.stream.requestKeyframe(System.nanoTime());
            }
        }
        return answer;
    }

    /** The subscribe transport just connected: every video stream needs a keyframe to start. */
    void onTransportConnected() {
        long now = System.nanoTime();
        for (Slot slot : slots) {
            if (slot.stream != null && slot.active) {
                slot.stream.requestKeyframe(now);
            }
        }
    }

    /** The stream this SSRC (as the subscriber knows it) was sent on, or null. */
    OutboundStream streamBySsrc(int ssrc) {
        return streamsBySsrc.get(ssrc);
    }

    /** The outgoing video streams of active slots. */
    List<OutboundStream> videoStreams() {
        List<OutboundStream> out = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.active && slot.kind == MediaKind.VIDEO && slot.stream != null) {
                out.add(slot.stream);
            }
        }
        return out;
    }

    MediaTransport transport() {
        return transport;
    }

    void close() {
        for (Slot slot : slots) {
            if (slot.stream != null) {
                slot.stream.detach();
                slot.stream.negotiated(false);
            }
        }
    }
}
