package dev.vireo.sfu;

import dev.vireo.buffer.BufferPool;
import dev.vireo.dtls.DtlsCertificate;
import dev.vireo.ice.IceEndpoint;
import dev.vireo.sfu.transport.MediaTransport;
import dev.vireo.sfu.transport.MediaWorkers;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;

/** What every room and participant of one SFU shares. */
record SfuContext(SfuConfig config, IceEndpoint iceEndpoint, DtlsCertificate certificate, BufferPool pool,
                  ExecutorService handshakeExecutor, ScheduledExecutorService timer, MediaWorkers workers,
                  MediaTransport.Counters transportCounters, LongAdder forwarded) {

    MediaTransport newTransport(String name, MediaTransport.Handler handler) {
        return new MediaTransport(name, iceEndpoint, certificate, pool, handshakeExecutor, workers,
                transportCounters, handler);
    }
}
