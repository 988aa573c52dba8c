package dev.vireo.bench.media;

/**
 * The send time a load publisher embeds in the last 8 bytes of every RTP payload, read back by subscribers in the same
 * JVM: {@link System#nanoTime()} is comparable only within one process, which is why publishers and subscribers share
 * the load JVM. The SFU rewrites headers, never payload tails, so the stamp survives forwarding.
 */
public final class SendTimestamp {
    public static final int SIZE = 8;

    private SendTimestamp() {
    }

    /** Writes {@code nanos} big-endian into the 8 bytes that end at {@code end}. */
    public static void write(byte[] b, int end, long nanos) {
        for (int i = 1; i <= SIZE; i++) {
            b[end - i] = (byte) nanos;
            nanos >>>= 8;
        }
    }

    /** Reads the stamp ending at {@code end}; the caller checks the packet is long enough. */
    public static long read(byte[] b, int end) {
        long v = 0;
        for (int i = end - SIZE; i < end; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }
}
