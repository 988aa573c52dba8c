package dev.vireo.sfu.forward;

import java.util.Arrays;
import java.util.List;

/**
 * One published video track and its layers: the simulcast streams of one camera, lowest resolution first (a track
 * sent as a single stream has one layer). Subscribers attach to the track and move between its layers; the track
 * knows who watches it so dynacast can tell which layers anyone needs.
 */
public final class LayeredTrack {
    private static final OutboundStream[] NONE = new OutboundStream[0];
    /** Samples {@link #peakBitrate} looks back over: 5 s at the publisher's 250 ms sampling. */
    private static final int PEAK_SAMPLES = 20;

    private final List<String> rids;
    private final InboundStream[] layers;
    private volatile OutboundStream[] viewers = NONE;
    private final long[] lastOctets;
    private long lastSampleNanos;
    private volatile long[] bitrates;
    /** The last {@link #PEAK_SAMPLES} smoothed rates per layer, a ring; guarded by this. */
    private final long[][] history;
    private int historyAt;
    private volatile long[] peaks;

    /**
     * @param rids   the rid of each layer, lowest first; empty strings for layers named by SSRC only
     * @param layers the layers' streams in the same order
     */
    public LayeredTrack(List<String> rids, List<InboundStream> layers) {
        if (rids.size() != layers.size() || layers.isEmpty()) {
            throw new IllegalArgumentException("one rid per layer, at least one layer");
        }
        this.rids = List.copyOf(rids);
        this.layers = layers.toArray(new InboundStream[0]);
        this.lastOctets = new long[this.layers.length];
        this.bitrates = new long[this.layers.length];
        this.history = new long[this.layers.length][PEAK_SAMPLES];
        this.peaks = new long[this.layers.length];
        for (int i = 0; i < this.layers.length; i++) {
            this.layers[i].joinTrack(this, i);
        }
    }

    public int layerCount() {
        return layers.length;
    }

    public InboundStream layer(int index) {
        return layers[index];
    }

    public String rid(int index) {
        return rids.get(index);
    }

    /**
     * Updates each layer's measured bitrate from the bytes received since the last call (smoothed: half old, half
     * new). Called periodically by the publisher's timer only.
     */
    public synchronized void sampleRates(long nowNanos) {
        long elapsed = nowNanos - lastSampleNanos;
        long[] next = bitrates.clone();
        for (int i = 0; i < layers.length; i++) {
            long octets = layers[i].octets();
            if (lastSampleNanos != 0 && elapsed > 0) {
                long bps = (octets - lastOctets[i]) * 8L * 1_000_000_000L / elapsed;
                next[i] = next[i] == 0 ? bps : (next[i] + bps) / 2;
            }
            lastOctets[i] = octets;
        }
        lastSampleNanos = nowNanos;
        bitrates = next;
        long[] nextPeaks = new long[layers.length];
        for (int i = 0; i < layers.length; i++) {
            history[i][historyAt] = next[i];
            for (long bps : history[i]) {
                nextPeaks[i] = Math.max(nextPeaks[i], bps);
            }
        }
        historyAt = (historyAt + 1) % PEAK_SAMPLES;
        peaks = nextPeaks;
    }

    /**
     * The highest {@link #bitrate} of the last five seconds or so: what a layer costs when it is chosen. A 250 ms
     * sample of a layer swings with its key frames and with the encoder's own adaptation; spending by the dips let a
     * capped subscriber climb to a layer whose next second did not fit.
     */
    public long peakBitrate(int index) {
        return peaks[index];
    }

    /** The layer's measured bitrate in bits per second, 0 while unknown or paused. */
    public long bitrate(int index) {
        return bitrates[index];
    }

    /** True when the track has more than one layer to choose from. */
    public boolean simulcast() {
        return layers.length > 1;
    }

    /** The subscriber streams attached to this track. */
    public OutboundStream[] viewers() {
        return viewers;
    }

    /** Bit i set when some viewer forwards or waits for layer i. */
    public int neededLayers() {
        int mask = 0;
        for (OutboundStream v : viewers) {
            mask |= v.layersInUse(this);
        }
        return mask;
    }

    synchronized void addViewer(OutboundStream viewer) {
        for (OutboundStream v : viewers) {
            if (v == viewer) {
                return;
            }
        }
        OutboundStream[] next = Arrays.copyOf(viewers, viewers.length + 1);
        next[viewers.length] = viewer;
        viewers = next;
    }

    synchronized void removeViewer(OutboundStream viewer) {
        viewers = Arrays.stream(viewers).filter(v -> v != viewer).toArray(OutboundStream[]::new);
    }
}
