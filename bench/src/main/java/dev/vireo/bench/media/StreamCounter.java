package dev.vireo.bench.media;

/**
 * Loss by sequence number for one received stream (RFC 3550 §A.3 in spirit): sequence numbers are widened to 64 bits
 * relative to the highest seen, counting starts at the first packet received (for video the SFU's first forwarded
 * key frame, so the pre-key-frame period is not loss), and expected = highest - first + 1. Written by one receive
 * thread; the fields are volatile so the step clock reads a recent value.
 */
final class StreamCounter {
    final long ssrc;
    private volatile long first = -1;
    private volatile long highest;
    private volatile long received;
    private volatile long bytes;

    StreamCounter(long ssrc) {
        this.ssrc = ssrc;
    }

    void onPacket(int sequence, int length) {
        if (first < 0) {
            first = sequence;
            highest = sequence;
        } else {
            int delta = (short) (sequence - (int) (highest & 0xFFFF));
            long ext = highest + delta;
            if (ext > highest) {
                highest = ext;
            }
        }
        received = received + 1;
        bytes = bytes + length;
    }

    long expected() {
        return first < 0 ? 0 : highest - first + 1;
    }

    long received() {
        return received;
    }

    long bytes() {
        return bytes;
    }
}
