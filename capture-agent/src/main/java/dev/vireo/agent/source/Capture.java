package dev.vireo.agent.source;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamDriver;

/**
 * Pulls frames from a webcam-capture device at a fixed rate and hands them on, for as long as the agent runs. The
 * device comes from whatever driver was given (a real camera, the test pattern, a file): the same code for all.
 *
 * <p>A device that stops giving images (unplugged, file removed) counts as lost: it is closed, a slate saying so is
 * sent instead twice a second (viewers see why the picture stopped, and the stream stays up), and the device is
 * looked for again every {@value #REOPEN_MILLIS} ms until it comes back.
 */
public final class Capture implements AutoCloseable {
    /** Where frames go: always {@code size}, 3-byte BGR. */
    public interface FrameSink {
        void accept(BufferedImage bgr, long captureNanos);
    }

    public enum State { OPENING, CAPTURING, LOST }

    static final long REOPEN_MILLIS = 1000;
    /** Nothing from an open device for this long means it is gone. */
    static final long STALL_MILLIS = 2000;

    private static final Logger LOG = Logger.getLogger(Capture.class.getName());

    private final Dimension size;
    private final int fps;
    private final int deviceIndex;
    private final FrameSink sink;
    private final ScheduledExecutorService clock;
    private final AtomicLong frames = new AtomicLong();
    private volatile State state = State.OPENING;
    private volatile String device = "";
    private Webcam webcam;
    private long lastImageMillis;
    private long nextReopenMillis;
    private long lastSlateMillis;

    public Capture(WebcamDriver driver, int deviceIndex, Dimension size, int fps, FrameSink sink) {
        Webcam.setDriver(driver);
        this.size = new Dimension(size);
        this.fps = fps;
        this.deviceIndex = deviceIndex;
        this.sink = sink;
        this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "capture");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        clock.scheduleAtFixedRate(this::tick, 0, 1_000_000_000L / fps, TimeUnit.NANOSECONDS);
    }

    public State state() {
        return state;
    }

    /** The device's name, once one was opened. */
    public String device() {
        return device;
    }

    public long framesCaptured() {
        return frames.get();
    }

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            if (webcam == null) {
                if (now >= nextReopenMillis) {
                    nextReopenMillis = now + REOPEN_MILLIS;
                    open();
                }
                if (webcam == null) {
                    slate(now);
                    return;
                }
            }
            BufferedImage image = webcam.getImage();
            if (image == null) {
                if (now - lastImageMillis > STALL_MILLIS) {
                    lost("no image for " + STALL_MILLIS + " ms");
                }
                return;
            }
            lastImageMillis = now;
            frames.incrementAndGet();
            sink.accept(asBgr(image), System.nanoTime());
        } catch (RuntimeException e) {
            // A driver error must never stop the clock: scheduleAtFixedRate cancels the task on an exception.
            lost(e.toString());
        }
    }

    private void open() {
        try {
            List<Webcam> cams = Webcam.getWebcams(3000);
            if (deviceIndex >= cams.size()) {
                if (state != State.LOST) {
                    LOG.warning("camera " + deviceIndex + " not found (" + cams.size() + " found); looking again every "
                            + REOPEN_MILLIS + " ms");
                }
                state = State.LOST;
                return;
            }
            Webcam cam = cams.get(deviceIndex);
            cam.setViewSize(closest(cam.getViewSizes(), size));
            if (!cam.open()) {
                state = State.LOST;
                return;
            }
            webcam = cam;
            device = cam.getName();
            lastImageMillis = System.currentTimeMillis();
            state = State.CAPTURING;
            LOG.info("capturing from " + device + " at " + cam.getViewSize().width + "x" + cam.getViewSize().height);
        } catch (Exception e) {
            if (state != State.LOST) {
                LOG.log(Level.WARNING, "cannot open the source: " + e.getMessage());
            }
            state = State.LOST;
        }
    }

    private void lost(String why) {
        if (state == State.CAPTURING) {
            LOG.warning("source " + device + " lost (" + why + "); looking for it again every " + REOPEN_MILLIS + " ms");
        }
        state = State.LOST;
        if (webcam != null) {
            try {
                webcam.close();
            } catch (RuntimeException ignored) {
                // the device is gone; closing it is best effort
            }
            webcam = null;
        }
        nextReopenMillis = System.currentTimeMillis() + REOPEN_MILLIS;
    }

    private void slate(long now) {
        if (now - lastSlateMillis < 500) {
            return;
        }
        lastSlateMillis = now;
        BufferedImage image = new BufferedImage(size.width, size.height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.DARK_GRAY);
            g.fillRect(0, 0, size.width, size.height);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, size.height / 16)));
            g.drawString("camera unavailable - reconnecting", size.width / 16, size.height / 2);
        } finally {
            g.dispose();
        }
        sink.accept(image, System.nanoTime());
    }

    /** The device's frame as BGR of the configured size: scaled when the device cannot give that size. */
    private BufferedImage asBgr(BufferedImage in) {
        if (in.getType() == BufferedImage.TYPE_3BYTE_BGR && in.getWidth() == size.width
                && in.getHeight() == size.height) {
            return in;
        }
        BufferedImage out = new BufferedImage(size.width, size.height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(in, 0, 0, size.width, size.height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The supported size nearest to {@code wanted} by pixel count (a camera offers a fixed list). */
    static Dimension closest(Dimension[] supported, Dimension wanted) {
        if (supported == null || supported.length == 0) {
            return wanted;
        }
        long target = (long) wanted.width * wanted.height;
        return List.of(supported).stream()
                .min(Comparator.comparingLong(d -> Math.abs((long) d.width * d.height - target)))
                .orElse(wanted);
    }

    @Override
    public void close() {
        clock.shutdownNow();
        try {
            clock.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (webcam != null) {
            webcam.close();
        }
    }
}
