package dev.vireo.sfu;

/**
 * Each participant talks to the SFU over two PeerConnections, one per direction, so that neither side ever has to
 * resolve glare: the client always offers on {@link #PUBLISH}, the SFU always offers on {@link #SUBSCRIBE}.
 */
public enum PeerConnectionRole {
    /** Client to SFU: the client's camera and microphone. The client offers, the SFU answers. */
    PUBLISH,
    /** SFU to client: everyone else's media. The SFU offers, the client answers. */
    SUBSCRIBE
}
