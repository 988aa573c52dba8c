package dev.vireo.codec.vp8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vireo.rtp.HexFixture;

/** Fuzz target for the VP8 payload descriptor; inputs in {@code Vp8FuzzTestInputs/descriptor/}. */
class Vp8FuzzTest {
    private static final int OFF = 2;

    @FuzzTest
    void descriptor(FuzzedDataProvider data) {
        byte[] payload = data.consumeRemainingAsBytes();
        byte[] b = HexFixture.embed(payload, OFF);
        byte[] original = b.clone();
        int len = payload.length;

        int header = Vp8PayloadDescriptor.headerLength(b, OFF, len);
        assertTrue(header == -1 || (header >= 1 && header <= 6 && header <= len));
        boolean key = Vp8PayloadDescriptor.isKeyframe(b, OFF, len);
        assertTrue(!key || (header >= 1 && header < len));
        int width = Vp8PayloadDescriptor.keyframeWidth(b, OFF, len);
        int height = Vp8PayloadDescriptor.keyframeHeight(b, OFF, len);
        assertTrue(width <= 0x3FFF && height <= 0x3FFF && (width < 0) == (height < 0) && (key || width < 0));
        Vp8PayloadDescriptor.isStartOfPartition(b, OFF, len);
        Vp8PayloadDescriptor.partitionIndex(b, OFF, len);
        int tid = Vp8PayloadDescriptor.tid(b, OFF, len);
        assertTrue(tid >= -1 && tid <= 3);
        Vp8PayloadDescriptor.layerSync(b, OFF, len);
        int tl0 = Vp8PayloadDescriptor.tl0PicIdx(b, OFF, len);

        int pictureId = Vp8PayloadDescriptor.pictureId(b, OFF, len);
        boolean longId = Vp8PayloadDescriptor.hasLongPictureId(b, OFF, len);
        if (Vp8PayloadDescriptor.setPictureId(b, OFF, len, pictureId + 1)) {
            assertEquals((pictureId + 1) & (longId ? 0x7FFF : 0x7F), Vp8PayloadDescriptor.pictureId(b, OFF, len));
            assertEquals(header, Vp8PayloadDescriptor.headerLength(b, OFF, len), "width kept");
        } else {
            assertEquals(-1, pictureId);
        }
        if (Vp8PayloadDescriptor.setTl0PicIdx(b, OFF, len, tl0 + 1)) {
            assertEquals((tl0 + 1) & 0xFF, Vp8PayloadDescriptor.tl0PicIdx(b, OFF, len));
        } else {
            assertEquals(-1, tl0);
        }
        for (int i = 0; i < b.length; i++) {
            if (i < OFF || i >= OFF + Math.max(header, 0)) {
                assertEquals(original[i], b[i], "setters write only inside the descriptor, byte " + i);
            }
        }
    }
}
