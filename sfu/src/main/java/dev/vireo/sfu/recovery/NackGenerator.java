package dev.vireo.sfu.recovery;

/**
 * Decides which packets of one incoming stream to NACK (RFC 4585 §6.2.1), and when. A gap in the extended sequence
 * numbers makes its packets missing; each is NACKed at once, then again while it stays missing, every retry interval
 * times a backoff factor, until it arrives (recovered), is older than the maximum age, or has been asked for
 * {@code maxRetries} times (given up). A gap wider than the pending capacity keeps only the newest missing packets:
 * after a loss that large a keyframe, not retransmission, is what repairs the picture.
 *
 * <p>A pure class: the caller passes the time; one thread at a time (the stream's receive thread) uses it.
 */
public final class NackGenerator {
    /** Tuning, with the values {@link #defaults()} uses. */
    public record Settings(int capacity, int maxRetries, long firstRetryNanos, double backoff, long maxAgeNanos) {
        public Settings {
            if (capacity < 1 || maxRetries < 1 || firstRetryNanos <= 0 || backoff < 1 || maxAgeNanos <= 0) {
                throw new IllegalArgumentException("invalid NACK settings");
            }
        }
    }

    /** 256 pending, 10 tries, 30 ms then x1.5, 1 s: retries span the packet cache's age on both hops. */
    public static Settings defaults() {
        return new Settings(256, 10, 30_000_000L, 1.5, 1_000_000_000L);
    }

    private final Settings settings;
    private final long[] seqs;
    private final long[] firstMissing;
    private final long[] nextSend;
    private final int[] tries;
    private int pending;
    private boolean started;
    private long highest;
    private long nacked;
    private long recovered;
    private long givenUp;

    public NackGenerator(Settings settings) {
        this.settings = settings;
        int n = settings.capacity();
        seqs = new long[n];
        firstMissing = new long[n];
        nextSend = new long[n];
        tries = new int[n];
    }

    /** Records a received packet. */
    public void onReceived(long extendedSeq, long nowNanos) {
        if (!started) {
            started = true;
            highest = extendedSeq;
            return;
        }
        if (extendedSeq > highest) {
            long from = Math.max(highest + 1, extendedSeq - settings.capacity());
            for (long s = from; s < extendedSeq; s++) {
                add(s, nowNanos);
            }
            highest = extendedSeq;
            return;
        }
        for (int i = 0; i < pending; i++) {
            if (seqs[i] == extendedSeq) {
                if (tries[i] > 0) {
                    recovered++;
                }
                remove(i);
                return;
            }
        }
    }

    private void add(long seq, long nowNanos) {
        if (pending == settings.capacity()) {
            remove(0);
            givenUp++;
        }
        seqs[pending] = seq;
        firstMissing[pending] = nowNanos;
        nextSend[pending] = nowNanos;
        tries[pending] = 0;
        pending++;
    }

    /** Removes entry i, keeping the rest in order (oldest first). */
    private void remove(int i) {
        int tail = pending - i - 1;
        System.arraycopy(seqs, i + 1, seqs, i, tail);
        System.arraycopy(firstMissing, i + 1, firstMissing, i, tail);
        System.arraycopy(nextSend, i + 1, nextSend, i, tail);
        System.arraycopy(tries, i + 1, tries, i, tail);
        pending--;
    }

    /** The earliest time at which {@link #collect} may return something, or Long.MAX_VALUE when nothing is pending. */
    public long nextDueNanos() {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < pending; i++) {
            next = Math.min(next, nextSend[i]);
        }
        return next;
    }

    /**
     * Writes the 16-bit sequence numbers to NACK now into {@code out} (oldest first), schedules their next retry and
     * drops entries past their age or tries.
     *
     * @return how many were written (at most {@code out.length})
     */
    public int collect(long nowNanos, int[] out) {
        int n = 0;
        int i = 0;
        while (i < pending) {
            if (nowNanos - firstMissing[i] > settings.maxAgeNanos() || tries[i] >= settings.maxRetries()) {
                remove(i);
                givenUp++;
                continue;
            }
            if (nextSend[i] <= nowNanos && n < out.length) {
                out[n++] = (int) (seqs[i] & 0xFFFF);
                long interval = (long) (settings.firstRetryNanos() * Math.pow(settings.backoff(), tries[i]));
                tries[i]++;
                nextSend[i] = nowNanos + interval;
                nacked++;
            }
            i++;
        }
        return n;
    }

    public int pending() { return pending; }
    /** NACK entries sent so far (a packet asked for three times counts three). */
    public long nacked() { return nacked; }
    /** Packets that arrived after being NACKed. */
    public long recovered() { return recovered; }
    /** Packets dropped from the list unrecovered (too old, too many tries, or pushed out). */
    public long givenUp() { return givenUp; }
}
