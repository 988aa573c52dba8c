package dev.vireo.bench.signal;

import dev.vireo.bench.media.PacedSender;
import dev.vireo.bench.media.ReceiveMetrics;
import dev.vireo.buffer.BufferPool;

/** What every load client of a run shares: the transport reactor, the buffer pool, the sender thread, the totals. */
public record ClientContext(TransportFactory transports, BufferPool pool, PacedSender sender, ReceiveMetrics metrics) {
}
