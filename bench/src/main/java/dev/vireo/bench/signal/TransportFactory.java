package dev.vireo.bench.signal;

import dev.vireo.bench.media.Receiver;

/** Opens load transports; one factory (one shared I/O reactor) serves every client of a run. */
public interface TransportFactory extends AutoCloseable {
    /**
     * @param receiver          where decrypted RTP goes; null for a send-only transport (RTP received is dropped)
     * @param onKeyframeRequest run on the reactor thread when RTCP from the server holds a PLI or FIR; may be null
     */
    LoadTransport open(Receiver receiver, Runnable onKeyframeRequest);

    @Override
    void close();
}
