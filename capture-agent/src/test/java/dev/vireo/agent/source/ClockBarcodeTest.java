package dev.vireo.agent.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ClockBarcodeTest {
    @Test
    void layoutOfASmallTime() {
        boolean[] b = ClockBarcode.encode(5);  // ...000101: two 1-bits, even parity
        assertEquals(ClockBarcode.BLOCKS, b.length);
        assertTrue(b[0]);
        assertEquals(false, b[1]);
        boolean[] tail = {b[2 + 41], b[2 + 42], b[2 + 43]};
        assertArrayEquals(new boolean[] {true, false, true}, tail);
        assertEquals(false, b[ClockBarcode.BLOCKS - 2]);
        assertEquals(true, b[ClockBarcode.BLOCKS - 1]);
    }

    @Test
    void roundTripsWallClockTimes() {
        for (long t : new long[] {0, 1, 1_795_252_950_486L, (1L << 44) - 1}) {
            assertEquals(OptionalLong.of(t), ClockBarcode.decode(ClockBarcode.encode(t)));
        }
    }

    @Test
    void rejectsAFlippedBitABrokenGuardOrAnInvertedRow() {
        boolean[] b = ClockBarcode.encode(1_795_252_950_486L);
        b[20] = !b[20];
        assertEquals(OptionalLong.empty(), ClockBarcode.decode(b));
        b[20] = !b[20];
        b[1] = true;
        assertEquals(OptionalLong.empty(), ClockBarcode.decode(b));
        boolean[] inverted = ClockBarcode.encode(42);
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] = !inverted[i];
        }
        assertEquals(OptionalLong.empty(), ClockBarcode.decode(inverted));
    }

    /** The painted picture carries the time: sample each block's middle in the band, as the viewer does. */
    @Test
    void thePaintedFrameDecodesToItsTime() {
        int w = 640;
        int h = 360;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        long t = 1_795_252_950_486L;
        new TestPatternPainter(w, h, "box").paint(image, t, 7);
        int block = w / ClockBarcode.BLOCKS;
        int y = TestPatternPainter.barcodeHeight(h) / 2;
        boolean[] read = new boolean[ClockBarcode.BLOCKS];
        for (int i = 0; i < read.length; i++) {
            int rgb = image.getRGB(i * block + block / 2, y);
            read[i] = ((rgb >> 8) & 0xff) > 128;
        }
        assertEquals(OptionalLong.of(t), ClockBarcode.decode(read));
    }
}
