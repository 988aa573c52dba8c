package dev.vireo.agent.source;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.List;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;

/**
 * A webcam-capture driver with one device that draws the {@link TestPatternPainter} picture: plugged in with
 * {@code Webcam.setDriver}, the agent runs the same capture path with or without a camera.
 */
public final class TestPatternDriver implements WebcamDriver {
    private final Dimension size;
    private final String label;

    public TestPatternDriver(Dimension size, String label) {
        this.size = new Dimension(size);
        this.label = label;
    }

    @Override
    public List<WebcamDevice> getDevices() {
        return List.of(new Device(size, label));
    }

    @Override
    public boolean isThreadSafe() {
        return true;
    }

    /** Each {@link #getImage()} paints a fresh frame at the current wall-clock time. */
    static final class Device extends FixedSizeDevice {
        private final TestPatternPainter painter;
        private volatile boolean open;
        private long frames;

        Device(Dimension size, String label) {
            super(size, "the test pattern is");
            this.painter = new TestPatternPainter(size.width, size.height, label);
        }

        @Override
        public String getName() {
            return "Vireo test pattern " + size.width + "x" + size.height;
        }

        @Override
        public synchronized BufferedImage getImage() {
            if (!open) {
                return null;
            }
            // A new image per frame: webcam-capture hands it to its listeners, who may still hold the last one.
            BufferedImage image = new BufferedImage(size.width, size.height, BufferedImage.TYPE_3BYTE_BGR);
            painter.paint(image, System.currentTimeMillis(), frames++);
            return image;
        }

        @Override
        public void open() {
            open = true;
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public void dispose() {
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }
}
