package dev.vireo.bench;

import dev.vireo.bench.media.VideoLayer;

import java.util.List;

/**
 * The shape of a load: who publishes what and who receives. {@code broadcast}: one publisher (Opus + 720p VP8) and
 * N viewers added step by step. {@code meeting}: M participants each publishing (Opus + 360p VP8, a meeting tile)
 * and receiving everyone else, a fresh room per step. {@code audio}: 10 audio-only speakers who hear each other, and
 * N listeners added step by step.
 */
public enum Scenario {
    BROADCAST("broadcast", 1, VideoLayer.P720, List.of(10, 50, 100, 200, 400, 800), true),
    MEETING("meeting", -1, VideoLayer.P360, List.of(5, 10, 20, 30), false),
    AUDIO("audio", 10, null, List.of(50, 100, 200, 400, 800), true);

    private final String label;
    private final int fixedPublishers;
    private final VideoLayer layer;
    private final List<Integer> defaultSteps;
    private final boolean incremental;

    Scenario(String label, int fixedPublishers, VideoLayer layer, List<Integer> defaultSteps, boolean incremental) {
        this.label = label;
        this.fixedPublishers = fixedPublishers;
        this.layer = layer;
        this.defaultSteps = defaultSteps;
        this.incremental = incremental;
    }

    public String label() { return label; }

    /** The video layer publishers send; null for audio only. */
    public VideoLayer layer() { return layer; }

    public List<Integer> defaultSteps() { return defaultSteps; }

    /** True when steps add receive-only viewers to one room; false when each step is a fresh M × M room. */
    public boolean incremental() { return incremental; }

    /** Publishers at a step whose parameter is {@code n}. */
    public int publishers(int n) {
        return fixedPublishers > 0 ? fixedPublishers : n;
    }

    /** Receive-only viewers at a step. */
    public int viewers(int n) {
        return incremental ? n : 0;
    }

    /** Streams each receiver of the step gets from each publisher. */
    public int streamsPerPublisher() {
        return layer == null ? 1 : 2;
    }

    public static Scenario parse(String s) {
        for (Scenario x : values()) {
            if (x.label.equalsIgnoreCase(s)) {
                return x;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + s + "' (broadcast, meeting, audio)");
    }
}
