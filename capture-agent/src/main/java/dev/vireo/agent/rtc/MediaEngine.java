package dev.vireo.agent.rtc;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;

/**
 * libwebrtc for the agent's whole life: one PeerConnectionFactory, one video track fed from Java, and optionally a
 * test-tone audio track. Publish connections come and go (every reconnect makes a new one); the tracks stay, so the
 * capture never stops while the network is away.
 *
 * <p>The factory is built on {@link HeadlessAudioDeviceModule}: a camera box usually has no sound card, and the
 * default audio module aborts the JVM when it finds none.
 */
public final class MediaEngine implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MediaEngine.class.getName());
    private static final int TONE_RATE = 48_000;
    private static final int TONE_FRAMES = TONE_RATE / 100;

    private final HeadlessAudioDeviceModule audioModule = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory factory = new PeerConnectionFactory(audioModule);
    private final CustomVideoSource videoSource = new CustomVideoSource();
    private final VideoTrack videoTrack = factory.createVideoTrack("camera", videoSource);
    private final CustomAudioSource audioSource;
    private final AudioTrack audioTrack;
    private final ScheduledExecutorService toneClock;

    /** @param testTone whether to send a 440 Hz tone as the audio track (no audio track otherwise) */
    public MediaEngine(boolean testTone) {
        if (testTone) {
            audioSource = new CustomAudioSource();
            audioTrack = factory.createAudioTrack("tone", audioSource);
            toneClock = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "test-tone");
                t.setDaemon(true);
                return t;
            });
            toneClock.scheduleAtFixedRate(new Tone(), 0, 10, TimeUnit.MILLISECONDS);
        } else {
            audioSource = null;
            audioTrack = null;
            toneClock = null;
        }
    }

    public PeerConnectionFactory factory() {
        return factory;
    }

    public VideoTrack videoTrack() {
        return videoTrack;
    }

    /** The audio track, or null when the agent sends none. */
    public AudioTrack audioTrack() {
        return audioTrack;
    }

    /**
     * Converts a 3-byte BGR picture to I420 in native memory and hands it to the encoder. libyuv's "24BG" is BGR
     * in memory order, which is exactly Java's {@code TYPE_3BYTE_BGR} raster.
     */
    public void push(BufferedImage bgr, long captureNanos) {
        byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        NativeI420Buffer buffer = NativeI420Buffer.allocate(bgr.getWidth(), bgr.getHeight());
        try {
            VideoBufferConverter.convertToI420(pixels, buffer, FourCC.BG24);
            VideoFrame frame = new VideoFrame(buffer, 0, captureNanos);
            videoSource.pushFrame(frame);
        } catch (Exception e) {
            LOG.warning("frame conversion failed: " + e);
        } finally {
            buffer.release();
        }
    }

    /** 10 ms of a 440 Hz sine at a fifth of full scale, 16-bit mono, continuing the phase. */
    private final class Tone implements Runnable {
        private final byte[] pcm = new byte[TONE_FRAMES * 2];
        private long sample;

        @Override
        public void run() {
            for (int i = 0; i < TONE_FRAMES; i++, sample++) {
                short s = (short) (Short.MAX_VALUE / 5 * Math.sin(2 * Math.PI * 440 * sample / TONE_RATE));
                pcm[2 * i] = (byte) s;
                pcm[2 * i + 1] = (byte) (s >> 8);
            }
            audioSource.pushAudio(pcm, 16, TONE_RATE, 1, TONE_FRAMES);
        }
    }

    @Override
    public void close() {
        if (toneClock != null) {
            toneClock.shutdownNow();
        }
        videoTrack.dispose();
        videoSource.dispose();
        if (audioTrack != null) {
            audioTrack.dispose();
            audioSource.dispose();
        }
        factory.dispose();
    }
}
