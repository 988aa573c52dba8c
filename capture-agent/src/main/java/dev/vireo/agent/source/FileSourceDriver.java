package dev.vireo.agent.source;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;

/**
 * A webcam-capture driver whose one device plays image files: a single PNG/JPEG/BMP/GIF shown as a still picture,
 * or a folder of them shown in name order, one per frame, in a loop (a frame sequence exported from a video).
 * Images are scaled to the configured size. A file that disappears behaves like an unplugged camera: the device
 * reports no image until {@code open} succeeds again.
 */
public final class FileSourceDriver implements WebcamDriver {
    private final Path path;
    private final Dimension size;

    public FileSourceDriver(Path path, Dimension size) {
        this.path = path;
        this.size = new Dimension(size);
    }

    @Override
    public List<WebcamDevice> getDevices() {
        return Files.exists(path) ? List.of(new Device(path, size)) : List.of();
    }

    @Override
    public boolean isThreadSafe() {
        return true;
    }

    static final class Device extends FixedSizeDevice {
        private final Path path;
        private List<BufferedImage> frames = List.of();
        private int next;

        Device(Path path, Dimension size) {
            super(size, "the file source is scaled to");
            this.path = path;
        }

        @Override
        public String getName() {
            return "file " + path;
        }

        @Override
        public synchronized BufferedImage getImage() {
            if (frames.isEmpty() || !Files.exists(path)) {
                return null;
            }
            BufferedImage frame = frames.get(next);
            next = (next + 1) % frames.size();
            return frame;
        }

        /** Reads every image now, so a missing or unreadable file shows up as a failed open. */
        @Override
        public synchronized void open() {
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    list.filter(FileSourceDriver::isImage).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                files.add(path);
            }
            List<BufferedImage> loaded = new ArrayList<>();
            for (Path f : files) {
                loaded.add(scaled(read(f.toFile())));
            }
            if (loaded.isEmpty()) {
                throw new IllegalStateException("no images in " + path);
            }
            frames = List.copyOf(loaded);
            next = 0;
        }

        private BufferedImage scaled(BufferedImage in) {
            BufferedImage out = new BufferedImage(size.width, size.height, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = out.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(in, 0, 0, size.width, size.height, null);
            } finally {
                g.dispose();
            }
            return out;
        }

        private static BufferedImage read(File f) {
            try {
                BufferedImage image = ImageIO.read(f);
                if (image == null) {
                    throw new IllegalStateException("not an image ImageIO can read: " + f);
                }
                return image;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void close() {
            frames = List.of();
        }

        @Override
        public void dispose() {
            close();
        }

        @Override
        public synchronized boolean isOpen() {
            return !frames.isEmpty();
        }
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp")
                || n.endsWith(".gif");
    }
}
