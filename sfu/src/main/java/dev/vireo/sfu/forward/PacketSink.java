package dev.vireo.sfu.forward;

import dev.vireo.buffer.PacketBuffer;

/** Where a subscriber's packets go: its transport, which encrypts and sends them. */
public interface PacketSink {
    /** True once packets can be sent (DTLS done, SRTP keyed). */
    boolean isReady();

    /** Sends an RTP packet; takes ownership of the buffer. */
    void sendRtp(PacketBuffer packet);

    /**
     * Sends an RTP packet that belongs to bandwidth probe cluster {@code cluster} (see
     * {@link dev.vireo.bwe.BandwidthEstimator#newCluster}); takes ownership of the buffer.
     */
    default void sendProbe(PacketBuffer packet, int cluster) {
        sendRtp(packet);
    }

    /** Sends an RTCP packet; takes ownership of the buffer. */
    void sendRtcp(PacketBuffer packet);

    /**
     * True when a packet may be sent again with the sequence number it had (a retransmission without RTX). Sending
     * the same SRTP index twice re-uses its keystream; with AES-GCM over a header that changed (a new transport-wide
     * sequence number), that would leak the authentication key, so only transports that can do it safely say yes.
     */
    default boolean allowsPlainRetransmission() {
        return false;
    }

    /** A buffer to build a packet in. */
    PacketBuffer takeBuffer();
}
