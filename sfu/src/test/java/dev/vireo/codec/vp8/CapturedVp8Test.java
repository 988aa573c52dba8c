package dev.vireo.codec.vp8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.rtp.CapturedFixture;
import dev.vireo.rtp.HexFixture;
import dev.vireo.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

/**
 * VP8 payload descriptors (RFC 7741 §4.2) of packets Chromium 156 sent to Vireo; the fixtures are whole RTP packets
 * under {@code /dev/vireo/rtp/captured/}.
 */
class CapturedVp8Test {
    private static final int OFF = 4;
    /** The e2e test that was captured asks getUserMedia for exactly 1280x720 and keeps the resolution. */
    private static final int SENT_WIDTH = 1280;
    private static final int SENT_HEIGHT = 720;

    /** A captured RTP packet embedded at {@link #OFF}; {@code [0]} is the payload offset, {@code [1]} its length. */
    private static int[] payload(byte[] b, int len) {
        int header = RtpPacket.headerLength(b, OFF, len);
        return new int[] {OFF + header, RtpPacket.payloadLength(b, OFF, len)};
    }

    private static byte[] packet(String name) {
        return CapturedFixture.load("/dev/vireo/rtp/captured/" + name + ".hex").bytes();
    }

    @Test
    void keyFrameFirstPacket() {
        byte[] packet = packet("vp8-keyframe-first-packet");
        byte[] b = HexFixture.embed(packet, OFF);
        int[] p = payload(b, packet.length);

        assertTrue(Vp8PayloadDescriptor.isStartOfPartition(b, p[0], p[1]));
        assertEquals(0, Vp8PayloadDescriptor.partitionIndex(b, p[0], p[1]));
        assertTrue(Vp8PayloadDescriptor.isKeyframe(b, p[0], p[1]));
        assertEquals(SENT_WIDTH, Vp8PayloadDescriptor.keyframeWidth(b, p[0], p[1]));
        assertEquals(SENT_HEIGHT, Vp8PayloadDescriptor.keyframeHeight(b, p[0], p[1]));
        assertTrue(Vp8PayloadDescriptor.hasLongPictureId(b, p[0], p[1]), "Chromium uses 15-bit picture IDs");
        assertEquals(4, Vp8PayloadDescriptor.headerLength(b, p[0], p[1]), "X, I|L|T|K, two picture ID bytes");
        // A single-layer sender: no temporal layering fields.
        assertEquals(-1, Vp8PayloadDescriptor.tid(b, p[0], p[1]));
        assertEquals(-1, Vp8PayloadDescriptor.tl0PicIdx(b, p[0], p[1]));
    }

    @Test
    void keyFrameLastPacketIsAContinuation() {
        byte[] first = packet("vp8-keyframe-first-packet");
        byte[] packet = packet("vp8-keyframe-last-packet");
        byte[] b = HexFixture.embed(packet, OFF);
        int[] p = payload(b, packet.length);
        byte[] a = HexFixture.embed(first, OFF);
        int[] q = payload(a, first.length);

        assertFalse(Vp8PayloadDescriptor.isStartOfPartition(b, p[0], p[1]));
        assertFalse(Vp8PayloadDescriptor.isKeyframe(b, p[0], p[1]));
        assertEquals(-1, Vp8PayloadDescriptor.keyframeWidth(b, p[0], p[1]));
        assertEquals(Vp8PayloadDescriptor.pictureId(a, q[0], q[1]), Vp8PayloadDescriptor.pictureId(b, p[0], p[1]),
                "every packet of a frame carries the frame's picture ID");
    }

    @Test
    void deltaFrameFollowsTheKeyFrame() {
        byte[] key = packet("vp8-keyframe-first-packet");
        byte[] packet = packet("vp8-delta-first-packet");
        byte[] b = HexFixture.embed(packet, OFF);
        int[] p = payload(b, packet.length);
        byte[] a = HexFixture.embed(key, OFF);
        int[] q = payload(a, key.length);

        assertTrue(Vp8PayloadDescriptor.isStartOfPartition(b, p[0], p[1]));
        assertFalse(Vp8PayloadDescriptor.isKeyframe(b, p[0], p[1]));
        assertEquals(-1, Vp8PayloadDescriptor.keyframeWidth(b, p[0], p[1]));
        assertEquals(-1, Vp8PayloadDescriptor.keyframeHeight(b, p[0], p[1]));
        assertEquals((Vp8PayloadDescriptor.pictureId(a, q[0], q[1]) + 1) & 0x7FFF,
                Vp8PayloadDescriptor.pictureId(b, p[0], p[1]), "the next frame after the key frame");
        int lastKeySeq = RtpPacket.sequenceNumber(packet("vp8-keyframe-last-packet"), 0);
        assertEquals(lastKeySeq + 1, RtpPacket.sequenceNumber(packet, 0), "follows the key frame's last packet");
    }

    @Test
    void pictureIdRewriteKeepsTheRestOfTheCapturedPacket() {
        byte[] packet = packet("vp8-delta-first-packet");
        byte[] b = HexFixture.embed(packet, OFF);
        int[] p = payload(b, packet.length);
        byte[] before = b.clone();

        assertTrue(Vp8PayloadDescriptor.setPictureId(b, p[0], p[1], 0x7FFF));
        assertEquals(0x7FFF, Vp8PayloadDescriptor.pictureId(b, p[0], p[1]));
        int original = Vp8PayloadDescriptor.pictureId(before, p[0], p[1]);
        assertTrue(Vp8PayloadDescriptor.setPictureId(b, p[0], p[1], original));
        assertArrayEquals(before, b);
    }
}
