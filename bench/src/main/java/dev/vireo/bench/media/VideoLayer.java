package dev.vireo.bench.media;

/**
 * The synthetic VP8 stream a load publisher sends: packet rate of one simulcast layer as browsers send it at 30 fps
 * (≈ 30 pps at 180p, ≈ 80 pps at 360p, ≈ 300 pps at 720p) and the frame size its key frames announce.
 */
public enum VideoLayer {
    P180(320, 180, 30),
    P360(640, 360, 80),
    P720(1280, 720, 300);

    public static final int FPS = 30;

    private final int width;
    private final int height;
    private final int packetsPerSecond;

    VideoLayer(int width, int height, int packetsPerSecond) {
        this.width = width;
        this.height = height;
        this.packetsPerSecond = packetsPerSecond;
    }

    public int width() { return width; }
    public int height() { return height; }
    public int packetsPerSecond() { return packetsPerSecond; }

    /** Packets in frame number {@code frame} so that every second holds exactly {@link #packetsPerSecond()}. */
    public int packetsInFrame(long frame) {
        long i = frame % FPS;
        return (int) ((i + 1) * packetsPerSecond / FPS - i * packetsPerSecond / FPS);
    }

    /** "180p", "360p", "720p". */
    public String label() {
        return height + "p";
    }

    public static VideoLayer parse(String s) {
        for (VideoLayer l : values()) {
            if (l.label().equalsIgnoreCase(s) || l.name().equalsIgnoreCase(s)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown video layer '" + s + "' (180p, 360p, 720p)");
    }
}
