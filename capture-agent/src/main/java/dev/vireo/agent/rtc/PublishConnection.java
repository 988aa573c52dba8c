package dev.vireo.agent.rtc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaType;

import dev.vireo.agent.AgentOptions;

/**
 * One send-only PeerConnection carrying the engine's tracks: the agent makes a new one for every (re)connection.
 * libwebrtc does the media work a camera box needs: it answers PLI/FIR with a keyframe, retransmits on NACK (RTX),
 * adapts the encoder to transport-wide congestion feedback (GCC) below the configured ceiling, and sends
 * simulcast layers when asked.
 */
public final class PublishConnection implements AutoCloseable {
    /** What the connection reports back; called on libwebrtc's signaling thread, so keep it short. */
    public interface Listener {
        /** A local candidate; {@code candidate} is the SDP attribute value without "a=", "" at the end. */
        void onCandidate(String candidate, String mid, int mLineIndex);

        void onStateChange(RTCPeerConnectionState state);
    }

    private final RTCPeerConnection pc;
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();

    public PublishConnection(MediaEngine engine, AgentOptions options, List<RTCIceServer> iceServers,
                             Listener listener) {
        RTCConfiguration config = new RTCConfiguration();
        config.iceServers = new ArrayList<>(iceServers);
        config.portAllocatorConfig = portAllocator();
        pc = engine.factory().createPeerConnection(config, new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate c) {
                listener.onCandidate(c.sdp, c.sdpMid, c.sdpMLineIndex);
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState state) {
                if (state == RTCIceGatheringState.COMPLETE) {
                    gathered.complete(null);
                }
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                listener.onStateChange(state);
            }
        });
        RTCRtpTransceiverInit video = new RTCRtpTransceiverInit();
        video.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        video.streamIds = List.of("agent");
        video.sendEncodings = encodings(options);
        RTCRtpTransceiver transceiver = pc.addTransceiver(engine.videoTrack(), video);
        transceiver.setCodecPreferences(codecs(engine, options.codec()));
        if (engine.audioTrack() != null) {
            RTCRtpTransceiverInit audio = new RTCRtpTransceiverInit();
            audio.direction = RTCRtpTransceiverDirection.SEND_ONLY;
            audio.streamIds = List.of("agent");
            pc.addTransceiver(engine.audioTrack(), audio);
        }
    }

    /**
     * Host candidates on every interface, plus one UDP port on the any-address. The any-address port is what lets
     * the agent reach a server on the same machine or in a loopback-only namespace: libwebrtc never gathers on the
     * loopback interface, but a socket bound to 0.0.0.0 sends to 127.0.0.1 from 127.0.0.1, so ICE finds that pair
     * as peer-reflexive. No TCP candidates: an SFU is reached over UDP (or TURN).
     */
    private static PortAllocatorConfig portAllocator() {
        PortAllocatorConfig ports = new PortAllocatorConfig();
        ports.flags = PortAllocatorConfig.PORTALLOCATOR_ENABLE_ANY_ADDRESS_PORTS
                | PortAllocatorConfig.PORTALLOCATOR_DISABLE_TCP;
        return ports;
    }

    /** One encoding with the bitrate ceiling; with simulcast, quarter, half and full size sharing the ceiling. */
    static List<RTCRtpEncodingParameters> encodings(AgentOptions options) {
        List<RTCRtpEncodingParameters> list = new ArrayList<>();
        if (!options.simulcast()) {
            list.add(encoding(1.0, options.bitrateBps(), options.fps()));
            return list;
        }
        int bps = options.bitrateBps();
        list.add(encoding(4.0, Math.max(50_000, bps / 14), options.fps()));
        list.add(encoding(2.0, Math.max(100_000, bps * 3 / 14), options.fps()));
        list.add(encoding(1.0, Math.max(150_000, bps * 10 / 14), options.fps()));
        return list;
    }

    private static RTCRtpEncodingParameters encoding(double scaleDown, int maxBps, int fps) {
        RTCRtpEncodingParameters e = new RTCRtpEncodingParameters();
        e.active = true;
        e.scaleResolutionDownBy = scaleDown;
        e.maxBitrate = maxBps;
        e.maxFramerate = (double) fps;
        return e;
    }

    /** The chosen codec first, then its retransmission format; nothing else, so the SFU cannot pick another. */
    private static List<RTCRtpCodecCapability> codecs(MediaEngine engine, AgentOptions.Codec codec) {
        String wanted = codec.name();
        List<RTCRtpCodecCapability> chosen = new ArrayList<>();
        List<RTCRtpCodecCapability> rtx = new ArrayList<>();
        for (RTCRtpCodecCapability c : engine.factory().getRtpSenderCapabilities(MediaType.VIDEO).getCodecs()) {
            String name = c.getName().toUpperCase(Locale.ROOT);
            if (name.equals(wanted)) {
                chosen.add(c);
            } else if (name.equals("RTX")) {
                rtx.add(c);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalStateException("libwebrtc offers no " + wanted + " encoder");
        }
        if (codec == AgentOptions.Codec.H264) {
            // Constrained baseline with packetization-mode 1 first: what every browser decodes.
            chosen.sort((a, b) -> Integer.compare(h264Rank(a), h264Rank(b)));
        }
        chosen.addAll(rtx);
        return chosen;
    }

    private static int h264Rank(RTCRtpCodecCapability c) {
        var fmtp = c.getSDPFmtp();
        int rank = 0;
        if (!"1".equals(fmtp.get("packetization-mode"))) {
            rank += 2;
        }
        if (!String.valueOf(fmtp.get("profile-level-id")).startsWith("42e0")) {
            rank += 1;
        }
        return rank;
    }

    /** Creates the offer and sets it as local description; completes with its SDP. */
    public CompletableFuture<String> createOffer() {
        CompletableFuture<String> result = new CompletableFuture<>();
        pc.createOffer(new RTCOfferOptions(), new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription offer) {
                pc.setLocalDescription(offer, observer(result, offer.sdp));
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new IllegalStateException("createOffer: " + error));
            }
        });
        return result;
    }

    /** The local description as it is now, with the candidates gathered so far (for non-trickle signaling). */
    public String localSdp() {
        RTCSessionDescription d = pc.getLocalDescription();
        return d == null ? null : d.sdp;
    }

    /** Waits up to {@code millis} for candidate gathering to finish; returns whether it did. */
    public boolean awaitGathered(long millis) {
        try {
            gathered.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public CompletableFuture<String> applyAnswer(String sdp) {
        CompletableFuture<String> result = new CompletableFuture<>();
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, sdp), observer(result, sdp));
        return result;
    }

    public void addRemoteCandidate(String candidate, String mid, int mLineIndex) {
        pc.addIceCandidate(new RTCIceCandidate(mid, mLineIndex, candidate));
    }

    /** The connection's stats as one sample; completes on libwebrtc's thread. */
    public CompletableFuture<SendStats.Sample> stats() {
        CompletableFuture<SendStats.Sample> result = new CompletableFuture<>();
        pc.getStats(report -> result.complete(SendStats.sample(report)));
        return result;
    }

    private static SetSessionDescriptionObserver observer(CompletableFuture<String> result, String sdp) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                result.complete(sdp);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    @Override
    public void close() {
        pc.close();
    }
}
