package dev.vireo.sfu.forward;

import dev.vireo.rtcp.ReportBlock;
import dev.vireo.rtp.Wraparound;

/**
 * What a receiver reports about one incoming RTP stream (RFC 3550 §6.4.1, Appendix A.3 and A.8): loss, the highest
 * sequence number, interarrival jitter, and the timing of the last sender report. Fed by the stream's receive thread;
 * read by the periodic report task, hence synchronized (once per packet, uncontended).
 */
public final class ReceiveStatistics {
    private final int clockRate;
    private boolean started;
    private long baseSeq;
    private long highestSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private boolean hasTransit;
    private long lastSrNtpMiddle;
    private long lastSrArrivalNanos;

    public ReceiveStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    /** Records one packet that passed SRTP authentication. */
    public synchronized void onPacket(int seq, long rtpTimestamp, long arrivalNanos) {
        if (!started) {
            started = true;
            baseSeq = seq & 0xFFFF;
            highestSeq = baseSeq;
        } else {
            long ext = Wraparound.widen(seq & 0xFFFF, highestSeq, 1L << 16);
            if (ext > highestSeq) {
                highestSeq = ext;
            }
        }
        received++;
        long arrivalTicks = arrivalNanos / 1000 * clockRate / 1_000_000L;
        long transit = arrivalTicks - rtpTimestamp;
        if (hasTransit) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        hasTransit = true;
    }

    /** Records a sender report's NTP timestamp for the LSR/DLSR fields. */
    public synchronized void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        lastSrNtpMiddle = (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
        lastSrArrivalNanos = arrivalNanos;
    }

    /** A report block for this stream, and the start of the next reporting interval; null before any packet. */
    public synchronized ReportBlock report(int ssrc, long nowNanos) {
        if (!started) {
            return null;
        }
        long expected = highestSeq - baseSeq + 1;
        long lost = Math.max(0, expected - received);
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long dlsr = 0;
        if (lastSrArrivalNanos != 0) {
            dlsr = (nowNanos - lastSrArrivalNanos) * 65536 / 1_000_000_000L;
        }
        return new ReportBlock(ssrc, Math.min(fraction, 255), (int) Math.min(lost, 0x7FFFFF),
                highestSeq & 0xFFFFFFFFL, (long) jitter, lastSrNtpMiddle, dlsr & 0xFFFFFFFFL);
    }
}
