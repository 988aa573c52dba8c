package dev.vireo.sfu;

import dev.vireo.buffer.PacketBuffer;
import dev.vireo.rtcp.FullIntraRequest;
import dev.vireo.rtcp.GenericNack;
import dev.vireo.rtcp.PictureLossIndication;
import dev.vireo.rtcp.RtcpIterator;
import dev.vireo.rtcp.RtcpPacketType;
import dev.vireo.rtcp.SenderReport;
import dev.vireo.rtp.RtpPacket;
import dev.vireo.sdp.MediaKind;
import dev.vireo.sdp.PublishOffer;
import dev.vireo.sdp.PublishedTrack;
import dev.vireo.sdp.SdpException;
import dev.vireo.sdp.SessionDescription;
import dev.vireo.sdp.SubscribeAnswer;
import dev.vireo.sfu.forward.DynacastPolicy;
import dev.vireo.sfu.forward.InboundStream;
import dev.vireo.sfu.forward.LayeredTrack;
import dev.vireo.sfu.forward.OutboundStream;
import dev.vireo.sfu.forward.SsrcTable;
import dev.vireo.sfu.transport.MediaTransport;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * One client in a room, with its publish and subscribe PeerConnections.
 *
 * <p>Control calls (offers, answers, candidates, close) come from the signaling layer and run under the room's lock.
 * Packets arrive on the two transports' receive threads and touch only volatile, immutable routing tables.
 */
public final class Participant {
    private static final Logger LOG = Logger.getLogger(Participant.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long RTCP_INTERVAL_MS = 1000;
    /** How often layer allocation (as a subscriber) and dynacast (as a publisher) run. */
    private static final long LAYER_INTERVAL_MS = 250;
    /** A layer nobody needs is switched off at the publisher after this long. */
    private static final long DYNACAST_OFF_DELAY_NANOS = 3_000_000_000L;

    /** A published video track and the layers its publisher was last told to encode. */
    private record PublishedVideo(String mid, LayeredTrack track, DynacastPolicy dynacast, int[] sentMask) {
    }

    private final Room room;
    private final String id;
    private final ParticipantListener listener;
    private final SfuContext context;
    private final SubscribeSession subscribe;
    private final int rtcpSsrc = RANDOM.nextInt();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PublisherRtcp publisherRtcp;
    private MediaTransport publishTransport;
    private volatile SsrcTable<InboundStream> inboundBySsrc = SsrcTable.empty();
    private volatile List<InboundStream> inbound = List.of();
    /** The first stream of each published track, in the order of {@link PublisherRtcp#tracks}. */
    private volatile List<InboundStream> primaries = List.of();
    private volatile List<PublishedVideo> videos = List.of();
    /**
     * The publisher's RTX SSRCs, each to the stream it repairs: signalled (a=ssrc-group:FID) or learnt from
     * repaired-rtp-stream-id (simulcast). Their packets are unwrapped into the stream (RFC 4588).
     */
    private volatile SsrcTable<InboundStream> rtxBySsrc = SsrcTable.empty();
    private final VideoAllocation allocation;
    /** What this participant was last told about speakers (room lock held). */
    private ActiveSpeaker announced = ActiveSpeaker.NOBODY;
    private PeriodicTasks.Task reportTask;
    private PeriodicTasks.Task layerTask;
    private final LongAdder receivedBytes = new LongAdder();

    Participant(Room room, String id, ParticipantListener listener, SfuContext context) {
        this.room = room;
        this.id = id;
        this.allocation = new VideoAllocation(id);
        this.listener = listener;
        this.context = context;
        this.subscribe = new SubscribeSession(listener::onSubscribeOffer);
        this.publisherRtcp = new PublisherRtcp(rtcpSsrc);
        this.layerTask = context.periodic().every(LAYER_INTERVAL_MS, this::runLayers);
    }

    public String id() {
        return id;
    }

    /** Accepts the client's publish offer and returns the SFU's answer. */
    public String handlePublishOffer(String offerSdp) throws NegotiationException {
        synchronized (room) {
            ensureOpen();
            PublishOffer offer;
            try {
                offer = PublishOffer.parse(offerSdp);
            } catch (SdpException e) {
                throw new NegotiationException(e.getMessage(), e);
            }
            if (publishTransport != null && !publishTransport.servesRemoteUfrag(offer.iceUfrag())) {
                // The client replaced its publish PeerConnection (its old one failed) or restarted ICE: start a new
                // transport. The new tracks take over the old ones' subscriber streams in publish() below.
                publishTransport.close();
                publishTransport = null;
            }
            if (publishTransport == null) {
                publishTransport = context.newTransport(id + "/publish", new PublishHandler());
            }
            String answer = offer.answer(publishTransport.localParameters());
            try {
                publishTransport.connect(offer.iceUfrag(), offer.icePwd(), offer.fingerprint(), offer.candidates());
            } catch (IllegalArgumentException e) {
                throw new NegotiationException(e.getMessage(), e);
            }
            publish(offer.tracks(), offer.description());
            if (reportTask == null) {
                reportTask = context.periodic().every(RTCP_INTERVAL_MS, this::sendReports);
            }
            return answer;
        }
    }

    private void publish(List<PublishedTrack> tracks, SessionDescription description) {
        List<InboundStream> next = new ArrayList<>();
        List<InboundStream> firsts = new ArrayList<>();
        List<PublishedVideo> nextVideos = new ArrayList<>();
        SsrcTable<InboundStream> table = SsrcTable.empty();
        SsrcTable<InboundStream> rtxTable = SsrcTable.empty();
        long now = System.nanoTime();
        for (PublishedTrack track : tracks) {
            InboundStream existing = findInbound(track);
            String key = existing != null ? existing.trackKey() : trackKey(track, firsts);
            List<InboundStream> layers = new ArrayList<>();
            for (int i = 0; i < track.layerCount(); i++) {
                InboundStream stream = i == 0 && existing != null ? existing : new InboundStream(id, key,
                        track.kind(), track.codec(), (int) track.layerSsrc(i), track.extensionIdMap(),
                        context.pool(), this::requestKeyframe, this::sendNack, context.forwarded());
                layers.add(stream);
                if (track.layerSsrc(i) >= 0) {
                    table = table.with((int) track.layerSsrc(i), stream);
                }
                if (track.layerRtxSsrc(i) >= 0) {
                    rtxTable = rtxTable.with((int) track.layerRtxSsrc(i), stream);
                }
            }
            next.addAll(layers);
            firsts.add(layers.get(0));
            if (track.kind() == MediaKind.VIDEO) {
                LayeredTrack layered = existing != null && existing.track() != null ? existing.track()
                        : new LayeredTrack(track.simulcast() ? track.rids() : blankRids(layers.size()), layers);
                if (layered.simulcast() && track.simulcast()) {
                    nextVideos.add(new PublishedVideo(track.mid(), layered,
                            new DynacastPolicy(layered.layerCount(), DYNACAST_OFF_DELAY_NANOS, now),
                            new int[] {(1 << layered.layerCount()) - 1}));
                }
            }
        }
        for (InboundStream old : inbound) {
            if (!next.contains(old)) {
                old.clearSubscribers();
            }
        }
        inbound = List.copyOf(next);
        primaries = List.copyOf(firsts);
        videos = List.copyOf(nextVideos);
        inboundBySsrc = table;
        rtxBySsrc = rtxTable;
        publisherRtcp.tracks(tracks, description);
        room.published(this);
    }

    private static List<String> blankRids(int n) {
        return java.util.Collections.nCopies(n, "");
    }

    /** A track keeps its stream across renegotiations when its SSRC and codec stay the same. */
    private InboundStream findInbound(PublishedTrack track) {
        for (InboundStream s : inbound) {
            if (track.ssrc() >= 0 && s.ssrc() == (int) track.ssrc() && s.codec() == track.codec()) {
                return s;
            }
        }
        return null;
    }

    /** "audio" / "video" for the first track of a kind, then the mid: stable across rejoins for a camera + mic. */
    private static String trackKey(PublishedTrack track, List<InboundStream> already) {
        // already: the first stream of each earlier track
        String base = track.kind().name().toLowerCase();
        for (InboundStream s : already) {
            if (s.trackKey().equals(base)) {
                return base + "-" + track.mid();
            }
        }
        return base;
    }

    /** Bytes of RTP received on the publish PeerConnection so far (for bitrate figures). */
    public long receivedBytes() {
        return receivedBytes.sum();
    }

    List<InboundStream> inboundStreams() {
        return inbound;
    }

    /** Applies the client's answer to the last subscribe offer. */
    public void handleSubscribeAnswer(String answerSdp) throws NegotiationException {
        synchronized (room) {
            ensureOpen();
            try {
                SubscribeAnswer answer = subscribe.onAnswer(answerSdp);
                subscribe.transport().connect(answer.iceUfrag(), answer.icePwd(), answer.fingerprint(),
                        answer.candidates());
            } catch (SdpException | IllegalArgumentException e) {
                throw new NegotiationException(e.getMessage(), e);
            }
            negotiateSubscriptions();
        }
    }

    /** Adds every track of {@code publisher} to this participant's subscriptions (room lock held). */
    void subscribeTo(Participant publisher) {
        for (InboundStream stream : publisher.primaries) {
            subscribe.subscribe(stream);
        }
    }

    /**
     * The page's layout of other participants' video (tile sizes, visibility, priority), by publisher id; layers are
     * re-allocated at once.
     */
    public void videoLayout(java.util.Map<String, VideoTile> tiles) {
        allocation.layout(tiles);
        synchronized (room) {
            if (!closed.get()) {
                allocation.run(subscribe.videoStreams(), System.nanoTime());
            }
        }
    }

    /**
     * Layer allocation for this subscriber; bitrate sampling for every published video track and dynacast for the
     * rid-simulcast ones (only those publishers can be told to pause an encoding).
     */
    private void runLayers() {
        long now = System.nanoTime();
        synchronized (room) {
            if (closed.get()) {
                return;
            }
            allocation.run(subscribe.videoStreams(), now);
        }
        for (InboundStream stream : primaries) {
            if (stream.track() != null) {
                stream.track().sampleRates(now);
            }
        }
        for (PublishedVideo video : videos) {
            int active = video.dynacast().update(video.track().neededLayers(), now);
            if (active != video.sentMask()[0]) {
                video.sentMask()[0] = active;
                List<LayerState> states = new ArrayList<>();
                for (int i = 0; i < video.track().layerCount(); i++) {
                    states.add(new LayerState(video.track().rid(i), (active & (1 << i)) != 0));
                }
                listener.onPublishLayers(video.mid(), states);
            }
        }
    }

    /** The stream of this participant's microphone, whose packets carry audio levels; null when it sends none. */
    InboundStream audioStream() {
        for (InboundStream s : primaries) {
            if (s.kind() == MediaKind.AUDIO) {
                return s;
            }
        }
        return null;
    }

    /** The room's speakers as this participant should see them: tells the client and applies last-N when changed. */
    void speakers(ActiveSpeaker update) {
        if (update.equals(announced) || closed.get()) {
            return;
        }
        announced = update;
        allocation.lastN(update.videoForwarded());
        listener.onActiveSpeaker(update);
    }

    void unsubscribeFrom(String publisherId) {
        subscribe.unsubscribePublisher(publisherId);
    }

    /** Sends a subscribe offer if the subscriptions changed (room lock held). */
    void negotiateSubscriptions() {
        if (closed.get()) {
            return;
        }
        MediaTransport fresh = subscribe.needsTransport()
                ? context.newTransport(id + "/subscribe", new SubscribeHandler(), MediaTransport.PROBED_ESTIMATE)
                : null;
        if (fresh != null) {
            // The SFU's own transport-cc estimate of this subscriber's downlink (REMB, when sent, caps it), raised
            // by probes on the RTX SSRCs of its video.
            allocation.follow(fresh, true, context.pacer());
        }
        subscribe.negotiate(fresh);
    }

    /**
     * A trickled remote candidate.
     *
     * @param candidate the SDP candidate attribute value ("candidate:..."), or null / empty for end-of-candidates
     */
    public void addRemoteCandidate(PeerConnectionRole role, String candidate) throws NegotiationException {
        synchronized (room) {
            ensureOpen();
            MediaTransport transport = role == PeerConnectionRole.PUBLISH ? publishTransport : subscribe.transport();
            if (transport == null) {
                throw new NegotiationException("no " + role.name().toLowerCase()
                        + " PeerConnection has been negotiated yet");
            }
            transport.addRemoteCandidate(candidate);
        }
    }

    /** Leaves the room: stops forwarding to and from this participant and frees its transports. */
    public void close(String reason) {
        room.remove(this, reason);
    }

    /** Frees this participant's media (room lock held). Other participants' slots for it stay: a rejoin feeds them. */
    void closeMedia() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (reportTask != null) {
            reportTask.cancel();
        }
        if (layerTask != null) {
            layerTask.cancel();
        }
        for (InboundStream stream : inbound) {
            stream.clearSubscribers();
        }
        inbound = List.of();
        inboundBySsrc = SsrcTable.empty();
        rtxBySsrc = SsrcTable.empty();
        subscribe.close();
        if (publishTransport != null) {
            publishTransport.close();
        }
        if (subscribe.transport() != null) {
            subscribe.transport().close();
        }
    }

    /** Tells the signaling layer this participant's media ended (server shutdown). */
    void notifyClosed(String reason) {
        listener.onMediaClosed(reason);
    }

    private void ensureOpen() throws NegotiationException {
        if (closed.get()) {
            throw new NegotiationException("participant " + id + " has left the room");
        }
    }

    private void mediaFailed(String reason) {
        if (closed.get()) {
            return;
        }
        room.remove(this, reason);
        listener.onMediaClosed(reason);
    }

    private void requestKeyframe(InboundStream stream) {
        MediaTransport transport = publishTransport;
        if (transport == null || !transport.isReady()) {
            return;
        }
        PacketBuffer packet = transport.takeBuffer();
        int len = publisherRtcp.firOnly(stream)
                ? FullIntraRequest.write(packet.array(), packet.offset(), rtcpSsrc, stream.ssrc(),
                publisherRtcp.nextFirSequence())
                : PictureLossIndication.write(packet.array(), packet.offset(), rtcpSsrc, stream.ssrc());
        packet.setRange(packet.offset(), len);
        transport.sendRtcp(packet);
    }

    /** NACKs packets of {@code stream} lost between the publisher and the SFU (RFC 4585 §6.2.1). */
    private void sendNack(InboundStream stream, int[] seqs, int count) {
        MediaTransport transport = publishTransport;
        if (transport == null || !transport.isReady()) {
            return;
        }
        PacketBuffer packet = transport.takeBuffer();
        int len = GenericNack.write(packet.array(), packet.offset(), rtcpSsrc, stream.ssrc(), seqs, count);
        packet.setRange(packet.offset(), len);
        transport.sendRtcp(packet);
    }

    private void sendReports() {
        MediaTransport transport = publishTransport;
        if (transport == null || !transport.isReady() || closed.get()) {
            return;
        }
        PacketBuffer packet = transport.takeBuffer();
        int len = publisherRtcp.writeReports(packet.array(), packet.offset(), inbound, System.nanoTime());
        if (len <= 0) {
            packet.release();
            return;
        }
        packet.setRange(packet.offset(), len);
        transport.sendRtcp(packet);
    }

    /** The publish PeerConnection: media in, sender reports in. */
    private final class PublishHandler implements MediaTransport.Handler {
        private final RtcpIterator rtcp = new RtcpIterator();

        @Override
        public void onConnected(MediaTransport transport) {
            long now = System.nanoTime();
            for (InboundStream stream : inbound) {
                if (stream.subscriberCount() > 0) {
                    stream.requestKeyframe(now);
                }
            }
        }

        @Override
        public void onRtp(MediaTransport transport, PacketBuffer packet) {
            receivedBytes.add(packet.length());
            byte[] b = packet.array();
            int off = packet.offset();
            if (!RtpPacket.isValid(b, off, packet.length())) {
                packet.release();
                return;
            }
            int ssrc = RtpPacket.ssrc(b, off);
            InboundStream stream = inboundBySsrc.get(ssrc);
            if (stream == null) {
                InboundStream repaired = rtxBySsrc.get(ssrc);
                if (repaired != null) {
                    repaired.onRtx(packet);
                    return;
                }
                stream = learnSsrc(packet);
            }
            if (stream == null) {
                packet.release(); // RTX or padding probes: nothing to forward yet
                return;
            }
            stream.queue(packet); // fanned out at the end of the run (onBatchEnd)
        }

        @Override
        public void onBatchEnd(MediaTransport transport) {
            for (InboundStream stream : inbound) {
                stream.flush();
            }
        }

        @Override
        public void onRtcp(MediaTransport transport, PacketBuffer packet) {
            try {
                rtcp.reset(packet.array(), packet.offset(), packet.length());
                while (rtcp.next()) {
                    if (rtcp.packetType() == RtcpPacketType.SR && rtcp.length() >= 28) {
                        byte[] b = packet.array();
                        int off = rtcp.offset();
                        InboundStream stream = inboundBySsrc.get(SenderReport.senderSsrc(b, off));
                        if (stream != null) {
                            stream.onSenderReport(b, off, SenderReport.ntpTimestamp(b, off),
                                    SenderReport.rtpTimestamp(b, off), packet.receivedAtNanos());
                        }
                    }
                }
            } finally {
                packet.release();
            }
        }

        @Override
        public void onFailed(MediaTransport transport, String reason) {
            mediaFailed("publish connection failed: " + reason);
        }
    }

    /**
     * Finds the stream of a packet whose SSRC the SDP did not announce: by its MID header extension, and for a
     * simulcast track by its rtp-stream-id (RFC 8852; Chromium signals no a=ssrc for simulcast). An RTX stream is
     * recognised by its repaired-rtp-stream-id and remembered so its packets are dropped cheaply.
     */
    private InboundStream learnSsrc(PacketBuffer packet) {
        InboundStream primary = publisherRtcp.streamByMid(packet, primaries);
        if (primary == null) {
            return null;
        }
        LayeredTrack track = primary.track();
        InboundStream stream = track != null && track.simulcast()
                ? publisherRtcp.layerByRid(packet, track, false) : primary;
        int ssrc = RtpPacket.ssrc(packet.array(), packet.offset());
        if (stream == null) {
            InboundStream repaired = publisherRtcp.layerByRid(packet, track, true);
            if (repaired != null) {
                rtxBySsrc = rtxBySsrc.with(ssrc, repaired);
            }
            return null;
        }
        if (stream.ssrc() == -1) {
            stream.learnSsrc(ssrc);
            inboundBySsrc = inboundBySsrc.with(ssrc, stream);
            return stream;
        }
        return null;
    }

    /** The subscribe PeerConnection: media out, feedback (PLI, FIR, NACK, receiver reports) in. */
    private final class SubscribeHandler implements MediaTransport.Handler {
        private final SubscriberFeedback feedback = new SubscriberFeedback(ssrc -> subscribe.streamBySsrc(ssrc),
                allocation);

        @Override
        public void onConnected(MediaTransport transport) {
            synchronized (room) {
                subscribe.onTransportConnected();
            }
        }

        @Override
        public void onRtp(MediaTransport transport, PacketBuffer packet) {
            packet.release(); // a receive-only PeerConnection sends no media
        }

        @Override
        public void onRtcp(MediaTransport transport, PacketBuffer packet) {
            feedback.onRtcp(transport, packet);
        }

        @Override
        public void onFailed(MediaTransport transport, String reason) {
            mediaFailed("subscribe connection failed: " + reason);
        }
    }
}
