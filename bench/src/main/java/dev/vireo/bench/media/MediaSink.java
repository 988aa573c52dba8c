package dev.vireo.bench.media;

import dev.vireo.buffer.PacketBuffer;

/** Where a synthetic source's packets go: a load client's transport, which protects, sends and releases them. */
public interface MediaSink {
    /** Sends one plain RTP packet; the callee owns {@code packet} from here on. */
    void sendRtp(PacketBuffer packet);
}
