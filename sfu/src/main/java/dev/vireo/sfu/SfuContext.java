package dev.vireo.sfu;

import dev.vireo.buffer.BufferPool;
import dev.vireo.dtls.DtlsCertificate;
import dev.vireo.ice.IceEndpoint;
import dev.vireo.sfu.transport.MediaTransport;
import dev.vireo.sfu.transport.MediaWorkers;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every room and participant of one SFU shares. Periodic work (layer allocation, RTCP reports, speaker ticks)
 * goes through {@link #periodic}, which runs on {@link #timer}; probe clusters are paced on {@link #pacer}, a thread
 * that takes no room or participant lock.
 */
record SfuContext(SfuConfig config, IceEndpoint iceEndpoint, DtlsCertificate certificate, BufferPool pool,
                  ExecutorService handshakeExecutor, ScheduledExecutorService timer,
                  ScheduledExecutorService pacer, MediaWorkers workers,
                  MediaTransport.Counters transportCounters, LongAdder forwarded, PeriodicTasks periodic) {

    /** A transport whose owner does not probe its downlink (see {@link MediaTransport#UNPROBED_ESTIMATE}). */
    MediaTransport newTransport(String name, MediaTransport.Handler handler) {
        return newTransport(name, handler, MediaTransport.UNPROBED_ESTIMATE);
    }

    MediaTransport newTransport(String name, MediaTransport.Handler handler,
                                dev.vireo.bwe.BandwidthEstimator.Settings estimate) {
        return new MediaTransport(name, iceEndpoint, certificate, pool, handshakeExecutor, workers,
                transportCounters, estimate, handler);
    }
}
