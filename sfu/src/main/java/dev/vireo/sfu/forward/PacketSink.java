package dev.vireo.sfu.forward;

import dev.vireo.buffer.PacketBuffer;

/** Where a subscriber's packets go: its transport, which encrypts and sends them. */
public interface PacketSink {
    /** True once packets can be sent (DTLS done, SRTP keyed). */
    boolean isReady();

    /** Sends an RTP packet; takes ownership of the buffer. */
    void sendRtp(PacketBuffer packet);

    /** Sends an RTCP packet; takes ownership of the buffer. */
    void sendRtcp(PacketBuffer packet);

    /** A buffer to build a packet in. */
    PacketBuffer takeBuffer();
}
