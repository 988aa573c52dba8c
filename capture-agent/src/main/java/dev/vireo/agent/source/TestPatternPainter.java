package dev.vireo.agent.source;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Draws one test-pattern frame: colour bars, a ball that crosses the picture once every four seconds (motion, so
 * the encoder has real work and a frozen stream is visible), the wall clock as a {@link ClockBarcode} across the top,
 * and readable text: the time, the frame number and the box's name.
 */
public final class TestPatternPainter {
    /** The height of the barcode band as a fraction of the picture height, at least 16 pixels. */
    static int barcodeHeight(int height) {
        return Math.max(16, height / 12);
    }

    private static final Color[] BARS = {
        Color.WHITE, Color.YELLOW, Color.CYAN, Color.GREEN, Color.MAGENTA, Color.RED, Color.BLUE, Color.DARK_GRAY};
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

    private final int width;
    private final int height;
    private final String label;
    private final Font font;

    public TestPatternPainter(int width, int height, String label) {
        this.width = width;
        this.height = height;
        this.label = label;
        this.font = new Font(Font.MONOSPACED, Font.BOLD, Math.max(10, height / 18));
    }

    /** Paints the frame for wall-clock time {@code millis} into {@code image} (of this painter's size). */
    public void paint(BufferedImage image, long millis, long frameNumber) {
        Graphics2D g = image.createGraphics();
        try {
            int band = barcodeHeight(height);
            int barWidth = (width + BARS.length - 1) / BARS.length;
            for (int i = 0; i < BARS.length; i++) {
                g.setColor(BARS[i]);
                g.fillRect(i * barWidth, band, barWidth, height - band);
            }
            // The barcode: a black band, then white blocks where the bits are 1. Margins stay black.
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, width, band);
            boolean[] blocks = ClockBarcode.encode(millis);
            int block = width / ClockBarcode.BLOCKS;
            g.setColor(Color.WHITE);
            for (int i = 0; i < blocks.length; i++) {
                if (blocks[i]) {
                    g.fillRect(i * block, 0, block, band);
                }
            }
            double phase = (millis % 4000) / 4000.0;
            int r = Math.max(8, height / 10);
            int x = (int) (phase * (width + 2 * r)) - r;
            int y = band + (height - band) / 2;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.ORANGE);
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(3));
            g.drawOval(x - r, y - r, 2 * r, 2 * r);
            g.setFont(font);
            int line = font.getSize() + 6;
            int textTop = height - 3 * line - 8;
            g.setColor(new Color(0, 0, 0, 170));
            g.fillRect(0, textTop, width, height - textTop);
            g.setColor(Color.WHITE);
            g.drawString(CLOCK.format(Instant.ofEpochMilli(millis)), 10, textTop + line);
            g.drawString("frame " + frameNumber + "  " + width + "x" + height, 10, textTop + 2 * line);
            g.drawString(label, 10, textTop + 3 * line);
        } finally {
            g.dispose();
        }
    }
}
