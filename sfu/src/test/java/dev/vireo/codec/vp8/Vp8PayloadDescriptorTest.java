package dev.vireo.codec.vp8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.rtp.HexFixture;
import dev.vireo.rtp.RtpPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Vp8PayloadDescriptorTest {
    private static final int OFF = 4;

    private static byte[] load(String name) {
        return HexFixture.load("/dev/vireo/codec/vp8/" + name + ".hex");
    }

    @Test
    void readsKeyFrameDescriptorAndSize() {
        byte[] payload = load("keyframe-payload");
        byte[] b = HexFixture.embed(payload, OFF);
        int len = payload.length;
        assertEquals(6, Vp8PayloadDescriptor.headerLength(b, OFF, len));
        assertTrue(Vp8PayloadDescriptor.isKeyframe(b, OFF, len));
        assertTrue(Vp8PayloadDescriptor.isStartOfPartition(b, OFF, len));
        assertEquals(0, Vp8PayloadDescriptor.partitionIndex(b, OFF, len));
        assertEquals(4660, Vp8PayloadDescriptor.pictureId(b, OFF, len));
        assertTrue(Vp8PayloadDescriptor.hasLongPictureId(b, OFF, len));
        assertEquals(5, Vp8PayloadDescriptor.tl0PicIdx(b, OFF, len));
        assertEquals(0, Vp8PayloadDescriptor.tid(b, OFF, len));
        assertTrue(Vp8PayloadDescriptor.layerSync(b, OFF, len));
        assertEquals(640, Vp8PayloadDescriptor.keyframeWidth(b, OFF, len));
        assertEquals(360, Vp8PayloadDescriptor.keyframeHeight(b, OFF, len));
    }

    @Test
    void readsDeltaFrameInTemporalLayer2() {
        byte[] payload = load("delta-payload");
        byte[] b = HexFixture.embed(payload, OFF);
        int len = payload.length;
        assertEquals(5, Vp8PayloadDescriptor.headerLength(b, OFF, len));
        assertFalse(Vp8PayloadDescriptor.isKeyframe(b, OFF, len));
        assertEquals(42, Vp8PayloadDescriptor.pictureId(b, OFF, len));
        assertFalse(Vp8PayloadDescriptor.hasLongPictureId(b, OFF, len));
        assertEquals(5, Vp8PayloadDescriptor.tl0PicIdx(b, OFF, len));
        assertEquals(2, Vp8PayloadDescriptor.tid(b, OFF, len));
        assertFalse(Vp8PayloadDescriptor.layerSync(b, OFF, len));
        assertEquals(-1, Vp8PayloadDescriptor.keyframeWidth(b, OFF, len));
    }

    @Test
    void laterPacketOfKeyFrameIsNotAKeyFrameStart() {
        byte[] payload = load("continuation-payload");
        assertFalse(Vp8PayloadDescriptor.isKeyframe(payload, 0, payload.length));
        assertEquals(-1, Vp8PayloadDescriptor.keyframeWidth(payload, 0, payload.length));
    }

    @Test
    void minimalDescriptorHasNoOptionalFields() {
        byte[] payload = load("minimal-keyframe-payload");
        assertEquals(1, Vp8PayloadDescriptor.headerLength(payload, 0, payload.length));
        assertTrue(Vp8PayloadDescriptor.isKeyframe(payload, 0, payload.length));
        assertEquals(-1, Vp8PayloadDescriptor.pictureId(payload, 0, payload.length));
        assertEquals(-1, Vp8PayloadDescriptor.tl0PicIdx(payload, 0, payload.length));
        assertEquals(-1, Vp8PayloadDescriptor.tid(payload, 0, payload.length));
        assertEquals(1280, Vp8PayloadDescriptor.keyframeWidth(payload, 0, payload.length));
        assertEquals(720, Vp8PayloadDescriptor.keyframeHeight(payload, 0, payload.length));
        assertFalse(Vp8PayloadDescriptor.setPictureId(payload, 0, payload.length, 1));
        assertFalse(Vp8PayloadDescriptor.setTl0PicIdx(payload, 0, payload.length, 1));
    }

    @Test
    void keyFrameInsideTheChromiumRtpPacket() {
        byte[] packet = HexFixture.load("/dev/vireo/rtp/chromium-vp8-keyframe.hex");
        int header = RtpPacket.headerLength(packet, 0, packet.length);
        int payloadLength = RtpPacket.payloadLength(packet, 0, packet.length);
        assertTrue(Vp8PayloadDescriptor.isKeyframe(packet, header, payloadLength));
        assertEquals(4660, Vp8PayloadDescriptor.pictureId(packet, header, payloadLength));
    }

    @Test
    void settersRewriteInPlaceKeepingWidth() {
        byte[] payload = load("keyframe-payload");
        byte[] b = HexFixture.embed(payload, OFF);
        byte[] expected = b.clone();
        expected[OFF + 2] = (byte) 0xFF; // M=1 + high 7 bits of 0x7FFE
        expected[OFF + 3] = (byte) 0xFE;
        expected[OFF + 4] = (byte) 0xC8;
        assertTrue(Vp8PayloadDescriptor.setPictureId(b, OFF, payload.length, 0x17FFE)); // bit 16 dropped
        assertTrue(Vp8PayloadDescriptor.setTl0PicIdx(b, OFF, payload.length, 200));
        assertArrayEquals(expected, b);
        assertEquals(0x7FFE, Vp8PayloadDescriptor.pictureId(b, OFF, payload.length));

        byte[] delta = load("delta-payload");
        assertTrue(Vp8PayloadDescriptor.setPictureId(delta, 0, delta.length, 200));
        assertEquals(200 & 0x7F, Vp8PayloadDescriptor.pictureId(delta, 0, delta.length));
        assertFalse(Vp8PayloadDescriptor.hasLongPictureId(delta, 0, delta.length));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            X set but no extension byte | 90
            I set but no picture ID     | 90 80
            M set but one byte of ID    | 90 80 80
            L set but no TL0PICIDX      | 90 c0 80 01
            T set but no TID byte       | 90 e0 80 01 05
            """)
    void truncatedDescriptors(String why, String hex) {
        byte[] b = HexFixture.parse(hex);
        assertEquals(-1, Vp8PayloadDescriptor.headerLength(b, 0, b.length), why);
        assertFalse(Vp8PayloadDescriptor.isKeyframe(b, 0, b.length), why);
        assertEquals(-1, Vp8PayloadDescriptor.pictureId(b, 0, b.length), why);
        assertEquals(-1, Vp8PayloadDescriptor.tid(b, 0, b.length), why);
    }

    @Test
    void descriptorWithoutPayloadIsNotAKeyFrame() {
        byte[] b = HexFixture.parse("90 e0 92 34 05 20");
        assertEquals(6, Vp8PayloadDescriptor.headerLength(b, 0, b.length));
        assertFalse(Vp8PayloadDescriptor.isKeyframe(b, 0, b.length));
        assertEquals(-1, Vp8PayloadDescriptor.headerLength(b, 0, 0));
    }
}
