package dev.vireo.sfu.recovery;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;
import dev.vireo.rtp.RtpPacket;
import dev.vireo.rtp.SequenceNumberUnwrapper;

/**
 * Loss recovery for one incoming (publisher) stream: drops duplicates, caches what arrives for subscribers' NACKs
 * ({@link PacketCache}) and NACKs what went missing between the publisher and the SFU ({@link NackGenerator}).
 * Repaired packets the publisher resends on its RTX stream come back through {@link #onPacket} once unwrapped, so
 * they fill the gap, reach the subscribers and are cached like any other.
 *
 * <p>Called on the stream's receive thread; the cache is also read from subscribers' RTCP threads.
 */
public final class UpstreamRecovery implements AutoCloseable {
    /** Sends a NACK for the given 16-bit sequence numbers to the publisher. */
    public interface NackSender {
        void sendNack(int[] seqs, int count);
    }

    /** Slots per video stream: about 1.7 s of a 720p layer, more than the 1 s the cache keeps. */
    public static final int CACHE_SLOTS = 512;
    public static final long CACHE_AGE_NANOS = 1_000_000_000L;

    private final SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
    private final PacketCache cache;
    private final NackGenerator nacks;
    private final NackSender sender;
    private final int[] scratch = new int[64];
    private long nextNackNanos = Long.MAX_VALUE;
    private long duplicates;

    public UpstreamRecovery(BufferPool pool, NackGenerator.Settings settings, NackSender sender) {
        this.cache = new PacketCache(pool, CACHE_SLOTS, CACHE_AGE_NANOS);
        this.nacks = new NackGenerator(settings);
        this.sender = sender;
    }

    /**
     * Records a valid RTP packet of the stream (original or unwrapped RTX) before it is forwarded.
     *
     * @return false when it is a duplicate of a packet already forwarded: drop it
     */
    public boolean onPacket(PacketBuffer packet, long nowNanos) {
        byte[] b = packet.array();
        int off = packet.offset();
        long ext = unwrapper.unwrap(RtpPacket.sequenceNumber(b, off));
        if (cache.contains(ext, nowNanos)) {
            duplicates++;
            return false;
        }
        nacks.onReceived(ext, nowNanos);
        cache.store(packet, ext, nowNanos);
        if (nacks.pending() > 0) {
            nextNackNanos = Math.min(nextNackNanos, nowNanos);
        }
        if (nowNanos >= nextNackNanos) {
            int n = nacks.collect(nowNanos, scratch);
            if (n > 0) {
                sender.sendNack(scratch, n);
            }
            nextNackNanos = nacks.nextDueNanos();
        }
        return true;
    }

    /** Copies the cached packet with this 16-bit sequence number into {@code dst}; false when it is not cached. */
    public boolean copyCached(int seq, long nowNanos, PacketBuffer dst) {
        return cache.copy(seq, nowNanos, dst);
    }

    /** Duplicates dropped so far. */
    public long duplicates() { return duplicates; }
    /** NACK entries sent to the publisher so far. */
    public long nacked() { return nacks.nacked(); }
    /** Packets that arrived after being NACKed. */
    public long recovered() { return nacks.recovered(); }

    @Override
    public void close() {
        cache.close();
    }
}
