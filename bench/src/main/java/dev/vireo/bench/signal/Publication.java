package dev.vireo.bench.signal;

import dev.vireo.bench.media.OpusSource;
import dev.vireo.bench.media.PacedSender;
import dev.vireo.bench.media.RtpSource;
import dev.vireo.bench.media.VideoLayer;
import dev.vireo.bench.media.Vp8Source;
import dev.vireo.buffer.BufferPool;

import java.util.concurrent.ThreadLocalRandom;

/**
 * What one load publisher sends: Opus, and VP8 at one layer unless {@code layer} is null (an audio-only speaker).
 * The sources are created once the publish transport exists and start on the paced sender when it connects.
 */
public final class Publication {
    private static final long KEYFRAME_INTERVAL_NANOS = 4_000_000_000L;

    private final VideoLayer layer;
    private final long audioSsrc;
    private final long videoSsrc;
    private RtpSource audio;
    private RtpSource video;

    public Publication(VideoLayer layer) {
        this.layer = layer;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        this.audioSsrc = r.nextLong(1, 0xFFFF_FFFFL);
        this.videoSsrc = layer == null ? -1 : r.nextLong(1, 0xFFFF_FFFFL);
    }

    public long audioSsrc() { return audioSsrc; }
    /** -1 for audio only. */
    public long videoSsrc() { return videoSsrc; }

    /** Creates the sources writing into {@code transport}, with the payload types the server answered. */
    void bind(LoadTransport transport, BufferPool pool, int opusPt, int vp8Pt) {
        audio = new OpusSource(transport, pool, audioSsrc, opusPt < 0 ? LoadSdp.OPUS_PT : opusPt);
        if (layer != null) {
            video = new Vp8Source(transport, pool, videoSsrc, vp8Pt < 0 ? LoadSdp.VP8_PT : vp8Pt, layer,
                    KEYFRAME_INTERVAL_NANOS);
        }
    }

    /** PLI or FIR from the server. */
    void requestKeyframe() {
        RtpSource v = video;
        if (v != null) {
            v.requestKeyframe();
        }
    }

    /** Starts the sources at a random phase within one frame so publishers do not send in lockstep. */
    void start(PacedSender sender) {
        long phase = ThreadLocalRandom.current().nextLong(20_000_000L);
        sender.add(audio, phase);
        if (video != null) {
            sender.add(video, phase / 2);
        }
    }

    void stop(PacedSender sender) {
        if (audio != null) {
            sender.remove(audio);
        }
        if (video != null) {
            sender.remove(video);
        }
    }
}
