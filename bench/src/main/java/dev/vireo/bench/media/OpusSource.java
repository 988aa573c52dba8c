package dev.vireo.bench.media;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;

/** Synthetic Opus: one ~100-byte packet every 20 ms (50 pps), 960 ticks of the 48 kHz clock each (RFC 7587 §4.1). */
public final class OpusSource extends RtpSource {
    private static final long PERIOD_NANOS = 20_000_000L;
    private static final int PACKET_SIZE = 100;

    public OpusSource(MediaSink sink, BufferPool pool, long ssrc, int payloadType) {
        super(sink, pool, ssrc, payloadType);
    }

    @Override
    public void emit(long nowNanos) {
        PacketBuffer p = packet(PACKET_SIZE, false);
        byte[] b = p.array();
        // A TOC byte (RFC 6716 §3.1): config 15 (hybrid FB 20 ms), mono, one frame. The rest is filler.
        b[p.offset() + RTP_HEADER] = (byte) 0x78;
        send(p);
        advance(PERIOD_NANOS, 960);
    }
}
