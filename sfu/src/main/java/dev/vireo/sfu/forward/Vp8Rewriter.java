package dev.vireo.sfu.forward;

import dev.vireo.codec.vp8.Vp8PayloadDescriptor;
import dev.vireo.rtp.Wraparound;

/**
 * Keeps the VP8 picture ID and TL0PICIDX (RFC 7741 §4.2) of an outgoing stream continuous while its source changes
 * (a simulcast layer switch, a pause) and while whole frames are left out (temporal thinning).
 *
 * <p>Why: libwebrtc's VP8 reference finder reads a gap in picture IDs as frames still to come and holds back every
 * later frame that might depend on them, so a dropped TL2 frame or a jump between layers would freeze the picture.
 * The picture ID continues at last + 1 after a switch and skips nothing for a thinned frame; TL0PICIDX continues at
 * last + 1 at the new source's first (key) frame. A pure class: one thread at a time (the stream's lock).
 */
public final class Vp8Rewriter {
    private static final long PID_MOD_LONG = 1L << 15;
    private static final long PID_MOD_SHORT = 1L << 7;

    private boolean started;
    private boolean newSource = true;
    private long lastInPid;
    private long pidOffset;
    private long highestOutPid = -1;
    private int tl0Offset;
    private int lastOutTl0 = -1;

    /** The next forwarded packet comes from a new source (or after a pause): continue numbering from there. */
    public void switchSource() {
        newSource = true;
    }

    /**
     * Rewrites the descriptor of a forwarded packet in place.
     *
     * @param b the packet buffer; {@code off, len} delimit the RTP payload (the VP8 payload descriptor first)
     */
    public void rewrite(byte[] b, int off, int len) {
        int pid = Vp8PayloadDescriptor.pictureId(b, off, len);
        int tl0 = Vp8PayloadDescriptor.tl0PicIdx(b, off, len);
        long mod = Vp8PayloadDescriptor.hasLongPictureId(b, off, len) ? PID_MOD_LONG : PID_MOD_SHORT;
        if (newSource) {
            newSource = false;
            if (pid >= 0) {
                pidOffset = started ? highestOutPid + 1 - pid : 0;
                lastInPid = pid;
            }
            if (tl0 >= 0) {
                tl0Offset = lastOutTl0 < 0 ? 0 : (lastOutTl0 + 1 - tl0) & 0xFF;
            }
            started = true;
        }
        if (pid >= 0) {
            long ext = Wraparound.widen(pid, lastInPid, mod);
            if (ext > lastInPid) {
                lastInPid = ext;
            }
            long out = ext + pidOffset;
            if (out > highestOutPid) {
                highestOutPid = out;
            }
            Vp8PayloadDescriptor.setPictureId(b, off, len, (int) Math.floorMod(out, mod));
        }
        if (tl0 >= 0) {
            int out = (tl0 + tl0Offset) & 0xFF;
            lastOutTl0 = out;
            Vp8PayloadDescriptor.setTl0PicIdx(b, off, len, out);
        }
    }

    /**
     * A packet of the current source is left out (its temporal layer is above the target). The first packet of each
     * left-out frame takes that frame's picture ID out of the outgoing numbering.
     */
    public void drop(byte[] b, int off, int len) {
        int pid = Vp8PayloadDescriptor.pictureId(b, off, len);
        if (pid < 0 || newSource) {
            return;
        }
        long mod = Vp8PayloadDescriptor.hasLongPictureId(b, off, len) ? PID_MOD_LONG : PID_MOD_SHORT;
        long ext = Wraparound.widen(pid, lastInPid, mod);
        if (ext > lastInPid) {
            lastInPid = ext;
            pidOffset--;
        }
    }
}
