package dev.vireo.agent.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.sarxos.webcam.Webcam;

/** The test pattern works through webcam-capture's own API, headless, as a camera would. */
class TestPatternDriverTest {
    @AfterEach
    void resetDriver() {
        Webcam.resetDriver();
    }

    @Test
    void webcamCaptureFindsOpensAndReadsIt() throws Exception {
        Webcam.setDriver(new TestPatternDriver(new Dimension(320, 180), "box"));
        List<Webcam> cams = Webcam.getWebcams(5000);
        assertEquals(1, cams.size());
        Webcam cam = cams.get(0);
        cam.setViewSize(new Dimension(320, 180));
        assertTrue(cam.open());
        try {
            BufferedImage a = cam.getImage();
            Thread.sleep(120);
            BufferedImage b = cam.getImage();
            assertEquals(320, a.getWidth());
            assertEquals(180, a.getHeight());
            // The ball moves and the clock advances: consecutive frames differ.
            assertNotEquals(pixelSum(a), pixelSum(b));
        } finally {
            cam.close();
        }
    }

    @Test
    void closestCameraSizeByPixelCount() {
        Dimension[] supported = {new Dimension(640, 480), new Dimension(1280, 720), new Dimension(1920, 1080)};
        assertEquals(new Dimension(1280, 720), Capture.closest(supported, new Dimension(1280, 720)));
        assertEquals(new Dimension(640, 480), Capture.closest(supported, new Dimension(640, 360)));
        assertEquals(new Dimension(320, 240), Capture.closest(new Dimension[0], new Dimension(320, 240)));
    }

    private static long pixelSum(BufferedImage image) {
        long sum = 0;
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                sum += image.getRGB(x, y) & 0xffffff;
            }
        }
        return sum;
    }
}
