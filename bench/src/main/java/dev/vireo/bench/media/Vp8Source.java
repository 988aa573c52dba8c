package dev.vireo.bench.media;

import dev.vireo.buffer.BufferPool;
import dev.vireo.buffer.PacketBuffer;

/**
 * Synthetic VP8 at one layer's packet rate: 30 frames a second, each split into ~1100-byte packets sent back to back
 * as an encoder's packetizer would. Payloads carry a real VP8 payload descriptor (RFC 7741 §4.2, 15-bit picture ID)
 * and, at the start of each frame, a VP8 payload header (§4.3) whose P bit marks key frames; key frames also carry the
 * start code and frame size (RFC 6386 §9.1), so an SFU that starts forwarding at a key frame recognises them. A key
 * frame is {@link #KEYFRAME_FACTOR}× a frame's packets, sent every {@code keyframeIntervalNanos} and after a PLI or
 * FIR (at most one per {@link #MIN_KEYFRAME_GAP_NANOS}, as encoders limit them).
 */
public final class Vp8Source extends RtpSource {
    private static final long FRAME_NANOS = 1_000_000_000L / VideoLayer.FPS;
    private static final int FRAME_TICKS = 90_000 / VideoLayer.FPS;
    private static final int PACKET_SIZE = 1100;
    private static final int KEYFRAME_FACTOR = 4;
    private static final long MIN_KEYFRAME_GAP_NANOS = 300_000_000L;
    private static final int DESCRIPTOR = 4;

    private final VideoLayer layer;
    private final long keyframeIntervalNanos;
    private volatile boolean keyframeRequested = true;
    private long lastKeyframeNanos = Long.MIN_VALUE / 2;
    private long frame;
    private int pictureId;
    private long keyframes;

    public Vp8Source(MediaSink sink, BufferPool pool, long ssrc, int payloadType, VideoLayer layer,
                     long keyframeIntervalNanos) {
        super(sink, pool, ssrc, payloadType);
        this.layer = layer;
        this.keyframeIntervalNanos = keyframeIntervalNanos;
    }

    public long keyframes() { return keyframes; }

    @Override
    public void requestKeyframe() {
        keyframeRequested = true;
    }

    @Override
    public void emit(long nowNanos) {
        boolean key = nowNanos - lastKeyframeNanos >= keyframeIntervalNanos
                || (keyframeRequested && nowNanos - lastKeyframeNanos >= MIN_KEYFRAME_GAP_NANOS);
        if (key) {
            keyframeRequested = false;
            lastKeyframeNanos = nowNanos;
            keyframes++;
        }
        int count = layer.packetsInFrame(frame) * (key ? KEYFRAME_FACTOR : 1);
        for (int i = 0; i < count; i++) {
            PacketBuffer p = packet(PACKET_SIZE, i == count - 1);
            writePayload(p.array(), p.offset() + RTP_HEADER, i == 0, key);
            send(p);
        }
        frame++;
        pictureId = (pictureId + 1) & 0x7FFF;
        advance(FRAME_NANOS, FRAME_TICKS);
    }

    private void writePayload(byte[] b, int at, boolean first, boolean key) {
        b[at] = (byte) (0x80 | (first ? 0x10 : 0));   // X = 1, S on the frame's first packet, PID = 0
        b[at + 1] = (byte) 0x80;                        // I: a picture ID follows
        b[at + 2] = (byte) (0x80 | (pictureId >> 8));   // M = 1: 15 bits
        b[at + 3] = (byte) pictureId;
        if (!first) {
            return;
        }
        int h = at + DESCRIPTOR;
        b[h] = (byte) (key ? 0x10 : 0x11);              // show_frame = 1, version 0, P = 0 for a key frame
        b[h + 1] = 0;
        b[h + 2] = 0;
        if (key) {
            b[h + 3] = (byte) 0x9d;
            b[h + 4] = 0x01;
            b[h + 5] = 0x2a;
            b[h + 6] = (byte) layer.width();
            b[h + 7] = (byte) (layer.width() >> 8);
            b[h + 8] = (byte) layer.height();
            b[h + 9] = (byte) (layer.height() >> 8);
        }
    }
}
