package dev.vireo.sfu;

/**
 * What the media plane tells the signaling layer about one participant. Calls may come from any thread; an
 * implementation only queues a message to the client and must not block.
 */
public interface ParticipantListener {
    /** A new offer for the participant's subscribe PeerConnection; the next one comes only after the answer. */
    void onSubscribeOffer(String sdp);

    /**
     * A local ICE candidate to trickle to the client.
     *
     * @param candidate an SDP candidate attribute value without the {@code a=} ("candidate:1 1 udp ...")
     */
    void onLocalCandidate(PeerConnectionRole role, String candidate, String mid, int mLineIndex);

    /** The participant's media is gone (ICE failed, DTLS failed, silent too long); it has been removed from its room. */
    void onMediaClosed(String reason);

    /**
     * Which simulcast layers of the participant's video on m-line {@code mid} it should encode (dynacast): layers no
     * subscriber receives are switched off at the source. Sent only when the set changes.
     */
    default void onPublishLayers(String mid, java.util.List<LayerState> layers) {
    }

    /**
     * The room's dominant speaker changed, or (with last-N) the set of videos this participant receives did. Called
     * on the SFU's timer thread while the room is locked: queue, do not block.
     */
    default void onActiveSpeaker(ActiveSpeaker update) {
    }
}
