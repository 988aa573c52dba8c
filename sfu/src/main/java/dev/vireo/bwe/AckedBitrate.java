package dev.vireo.bwe;

/**
 * The rate at which packets were received, from their arrival times in transport-cc feedback, over a sliding
 * window: what the path demonstrably carried, which the controllers decrease from and cap their increases by.
 *
 * <p>A pure class; arrival times in microseconds on the receiver's clock, which only ever moves forward here.
 */
public final class AckedBitrate {
    private final long windowMicros;
    private final long[] times;
    private final int[] sizes;
    private int head;
    private int count;
    private long bytes;

    public AckedBitrate(long windowMicros, int capacity) {
        this.windowMicros = windowMicros;
        this.times = new long[capacity];
        this.sizes = new int[capacity];
    }

    public void onPacket(long arrivalMicros, int size) {
        if (count == times.length) {
            drop();
        }
        int i = (head + count) % times.length;
        times[i] = arrivalMicros;
        sizes[i] = size;
        count++;
        bytes += size;
        while (count > 0 && arrivalMicros - times[head] > windowMicros) {
            drop();
        }
    }

    private void drop() {
        bytes -= sizes[head];
        head = (head + 1) % times.length;
        count--;
    }

    /** Bits per second over the window, or -1 until the window holds enough to say (a quarter of it). */
    public long bitsPerSecond() {
        if (count < 2) {
            return -1;
        }
        long span = times[(head + count - 1) % times.length] - times[head];
        if (span < windowMicros / 4) {
            return -1;
        }
        return (bytes - sizes[head]) * 8_000_000L / span;
    }
}
