package dev.vireo.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.codec.vp8.Vp8PayloadDescriptor;
import dev.vireo.rtp.CapturedFixture;
import dev.vireo.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

class Vp8RewriterTest {
    /** A VP8 payload descriptor: X=1, S=1; I (15-bit picture ID), L (TL0PICIDX), T (TID) present; then one byte. */
    private static byte[] descriptor(int pid, int tl0, int tid) {
        return new byte[] {(byte) 0x90, (byte) 0xE0, (byte) (0x80 | (pid >>> 8)), (byte) pid, (byte) tl0,
                (byte) (tid << 6), 0x00};
    }

    /** One row: a packet (pid, tl0, tid) forwarded or dropped (outPid -1), after a source switch when {@code sw}. */
    private record Row(boolean sw, int pid, int tl0, int outPid, int outTl0) {
    }

    private static void run(Vp8Rewriter r, Row... rows) {
        for (int i = 0; i < rows.length; i++) {
            Row row = rows[i];
            if (row.sw) {
                r.switchSource();
            }
            byte[] d = descriptor(row.pid, row.tl0, 0);
            if (row.outPid < 0) {
                r.drop(d, 0, d.length);
                continue;
            }
            r.rewrite(d, 0, d.length);
            assertEquals(row.outPid, Vp8PayloadDescriptor.pictureId(d, 0, d.length), "row " + i + " picture ID");
            assertEquals(row.outTl0, Vp8PayloadDescriptor.tl0PicIdx(d, 0, d.length), "row " + i + " TL0PICIDX");
        }
    }

    @Test
    void firstSourcePassesThroughThinnedFramesLeaveNoGap() {
        run(new Vp8Rewriter(),
                new Row(false, 100, 7, 100, 7),
                new Row(false, 100, 7, 100, 7),  // second packet of the same frame
                new Row(false, 101, 7, -1, -1),  // TID 2 frame left out
                new Row(false, 101, 7, -1, -1),  // its second packet
                new Row(false, 102, 7, 101, 7),
                new Row(false, 103, 7, -1, -1),
                new Row(false, 104, 8, 102, 8));
    }

    @Test
    void switchContinuesPictureIdAndTl0PicIdxFromTheLastOnesSent() {
        run(new Vp8Rewriter(),
                new Row(false, 5000, 20, 5000, 20),
                new Row(false, 5001, 20, 5001, 20),
                new Row(true, 31000, 200, 5002, 21), // another layer's key frame: unrelated numbering
                new Row(false, 31001, 200, 5003, 21),
                new Row(false, 31002, 201, 5004, 22),
                new Row(true, 5010, 23, 5005, 23));  // and back
    }

    @Test
    void fifteenBitPictureIdAndEightBitTl0PicIdxWrap() {
        run(new Vp8Rewriter(),
                new Row(false, 32766, 254, 32766, 254),
                new Row(false, 32767, 255, 32767, 255),
                new Row(false, 0, 0, 0, 0),
                new Row(true, 1000, 77, 1, 1),
                new Row(false, 1001, 77, -1, -1),
                new Row(false, 1002, 78, 2, 2),
                new Row(true, 32767, 255, 3, 3),
                new Row(false, 0, 0, 4, 4));
    }

    /** On packets Chromium sent, only the picture ID and TL0PICIDX bytes change. */
    @Test
    void capturedPacketsKeepEverythingButTheRewrittenFields() {
        Vp8Rewriter r = new Vp8Rewriter();
        byte[] key = CapturedFixture.load("/dev/vireo/rtp/captured/vp8-keyframe-first-packet.hex").bytes();
        byte[] delta = CapturedFixture.load("/dev/vireo/rtp/captured/vp8-delta-first-packet.hex").bytes();
        int keyOff = RtpPacket.headerLength(key, 0, key.length);
        int keyLen = RtpPacket.payloadLength(key, 0, key.length);
        int deltaOff = RtpPacket.headerLength(delta, 0, delta.length);
        int deltaLen = RtpPacket.payloadLength(delta, 0, delta.length);
        int keyPid = Vp8PayloadDescriptor.pictureId(key, keyOff, keyLen);

        r.rewrite(key.clone(), keyOff, keyLen); // the first source passes through
        r.switchSource();
        byte[] out = delta.clone();
        r.rewrite(out, deltaOff, deltaLen);
        assertEquals((keyPid + 1) & 0x7FFF, Vp8PayloadDescriptor.pictureId(out, deltaOff, deltaLen));
        byte[] expected = delta.clone();
        Vp8PayloadDescriptor.setPictureId(expected, deltaOff, deltaLen, (keyPid + 1) & 0x7FFF);
        int tl0 = Vp8PayloadDescriptor.tl0PicIdx(out, deltaOff, deltaLen);
        if (tl0 >= 0) {
            Vp8PayloadDescriptor.setTl0PicIdx(expected, deltaOff, deltaLen, tl0);
        }
        assertArrayEquals(expected, out);
    }
}
