package dev.vireo.sfu.transport;

import dev.vireo.buffer.PacketBuffer;
import dev.vireo.bwe.BandwidthEstimator;
import dev.vireo.bwe.DownlinkEstimate;
import dev.vireo.bwe.PacketFeedback;
import dev.vireo.bwe.SendHistory;
import dev.vireo.rtcp.RtcpParseException;
import dev.vireo.rtcp.TransportCcFeedback;
import dev.vireo.rtp.TransportSequenceNumber;
import dev.vireo.sdp.ExtensionUris;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Send-side bandwidth estimation for one transport: every RTP packet gets the next transport-wide sequence number
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01) and its send time and size are remembered; the receiver's
 * transport-cc feedback joins arrival times to them and feeds the {@link BandwidthEstimator}.
 *
 * <p>{@link #stamp} runs on every forwarding thread that sends to this transport, so numbering and recording share one
 * short lock; feedback arrives on the transport's receive thread.
 */
public final class TransportWideCc {
    /** The SFU's id for the extension, the same on every m-line of every SUBSCRIBE offer. */
    public static final int EXTENSION_ID = ExtensionUris.canonicalId(ExtensionUris.TRANSPORT_CC);
    private static final int HISTORY = 8192;
    /** How long a receiver may send no feedback at all before its downlink counts as unknown. */
    static final long SILENT_NANOS = 3_000_000_000L;
    /**
     * At FINEST, one line per feedback message: what it reported, joined with the send history, the input the
     * estimator saw ({@code <transport> <now ns> <packets>} then {@code send-ns,arrival-us|x,size,cluster} per
     * packet). Off by default; recorded traces replay through the estimator in tests.
     */
    private static final Logger TRACE = Logger.getLogger(TransportWideCc.class.getName() + ".trace");

    private final String name;
    private final SendHistory history = new SendHistory(HISTORY);
    private final BandwidthEstimator estimator;
    /** Made on the first feedback (192 KiB): a receiver that sends none, like the load clients, never needs it. */
    private PacketFeedback batch;
    private long feedbackErrors;
    /** When the first packet was stamped, 0 before; guarded by this. */
    private long firstStampNanos;
    /** Whether the receiver ever sent transport-cc feedback or a REMB. */
    private volatile boolean heard;
    private final DownlinkEstimate estimate = () -> estimateAt(System.nanoTime());

    public TransportWideCc(String name, BandwidthEstimator estimator) {
        this.name = name;
        this.estimator = estimator;
    }

    /**
     * Numbers a valid RTP packet about to be protected and sent, growing it at the front when it has no element for
     * the number yet (see {@link TransportSequenceNumber#stamp}).
     *
     * @param cluster the probe cluster the packet belongs to, or -1
     */
    public void stamp(PacketBuffer packet, long nowNanos, int cluster) {
        byte[] b = packet.array();
        int off = packet.offset();
        int len = packet.length();
        if (off < TransportSequenceNumber.MAX_GROWTH) {
            return;
        }
        synchronized (this) {
            int grown = TransportSequenceNumber.stamp(b, off, len, EXTENSION_ID, (int) (history.next() & 0xFFFF));
            if (grown < 0) {
                return;
            }
            if (grown > 0) {
                packet.setRange(off - grown, len + grown);
            }
            history.record(nowNanos, len + grown, cluster);
            if (firstStampNanos == 0) {
                firstStampNanos = nowNanos;
            }
        }
    }

    /** One transport-cc feedback message (RTPFB, FMT = 15) from the receiver. */
    public void onFeedback(byte[] b, int off, int len, long nowNanos) {
        TransportCcFeedback fb;
        try {
            fb = TransportCcFeedback.parse(b, off, len);
        } catch (RtcpParseException e) {
            feedbackErrors++;
            return;
        }
        long[] arrivals = fb.receiveTimesMicros();
        StringBuilder trace = TRACE.isLoggable(Level.FINEST) ? new StringBuilder() : null;
        synchronized (this) {
            if (batch == null) {
                batch = new PacketFeedback(HISTORY);
            }
            batch.clear();
            for (int i = 0; i < arrivals.length; i++) {
                int entry = history.find(fb.baseSequenceNumber() + i);
                if (entry < 0) {
                    continue;
                }
                long arrival = fb.isReceived(i) ? arrivals[i] : PacketFeedback.NOT_RECEIVED;
                batch.add(history.sendNanos(entry), arrival, history.size(entry), history.cluster(entry));
                if (trace != null) {
                    trace.append(' ').append(history.sendNanos(entry)).append(',')
                            .append(arrival == PacketFeedback.NOT_RECEIVED ? "x" : Long.toString(arrival))
                            .append(',').append(history.size(entry)).append(',').append(history.cluster(entry));
                }
            }
        }
        if (trace != null && batch.count() > 0) {
            TRACE.finest(name + " " + nowNanos + " " + batch.count() + trace);
        }
        if (batch.count() > 0) {
            heard = true;
            estimator.onFeedback(batch, nowNanos);
        }
    }

    /** A REMB (the receiver's own estimate). */
    public void onRemb(long bitsPerSecond, long nowNanos) {
        heard = true;
        estimator.onRemb(bitsPerSecond, nowNanos);
    }

    /** The downlink estimate as {@link #estimateAt} reads it now. */
    public DownlinkEstimate estimate() {
        return estimate;
    }

    /**
     * The estimator's figure, or 0 (unknown) for a receiver that has had packets for {@link #SILENT_NANOS} and never
     * answered with transport-cc feedback or a REMB: such a receiver (a client that did not take the extension, a
     * load client) tells the SFU nothing about its downlink, and holding it to the start estimate for good would
     * throttle a path nobody measured. Layer allocation treats unknown as no limit, as before any estimate existed.
     */
    public long estimateAt(long nowNanos) {
        if (!heard) {
            long first;
            synchronized (this) {
                first = firstStampNanos;
            }
            if (first != 0 && nowNanos - first > SILENT_NANOS) {
                return 0;
            }
        }
        return estimator.bitsPerSecond();
    }

    /** The estimator, for probing decisions (see {@link ProbeSender}). */
    public BandwidthEstimator estimator() {
        return estimator;
    }

    public long feedbackErrors() {
        return feedbackErrors;
    }
}
