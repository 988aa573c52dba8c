package dev.vireo.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Draws the run's chart with Java2D, headless: CPU-µs per forwarded packet (left) and loss % (right) against the
 * step's receivers, one line per server. The x axis is logarithmic (steps grow 10, 50, 100, 200, ...).
 */
final class Chart {
    private static final int PANEL_W = 560;
    private static final int H = 420;
    private static final int M_LEFT = 70;
    private static final int M_RIGHT = 20;
    private static final int M_TOP = 50;
    private static final int M_BOTTOM = 60;
    private static final Map<String, Color> COLORS = Map.of("vireo", new Color(0x1f77b4), "janus", new Color(0xff7f0e));

    private Chart() {
    }

    static void write(Report.Run run, String xLabel, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(2 * PANEL_W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), H);
        Map<String, List<StepResult>> byServer = new LinkedHashMap<>();
        for (StepResult r : run.steps()) {
            byServer.computeIfAbsent(r.server(), k -> new ArrayList<>()).add(r);
        }
        panel(g, 0, run.scenario() + ": SFU CPU-µs per forwarded packet", xLabel, byServer,
                StepResult::cpuMicrosPerPacket);
        panel(g, PANEL_W, run.scenario() + ": loss %", xLabel, byServer, StepResult::lossPercent);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void panel(Graphics2D g, int x0, String title, String xLabel,
                              Map<String, List<StepResult>> byServer, ToDoubleFunction<StepResult> metric) {
        double xMin = Double.MAX_VALUE;
        double xMax = 0;
        double yMax = 0;
        for (List<StepResult> rs : byServer.values()) {
            for (StepResult r : rs) {
                xMin = Math.min(xMin, r.step());
                xMax = Math.max(xMax, r.step());
                double y = metric.applyAsDouble(r);
                if (!Double.isNaN(y)) {
                    yMax = Math.max(yMax, y);
                }
            }
        }
        if (xMax <= xMin) {
            xMax = xMin * 2 + 1;
        }
        yMax = niceCeiling(yMax <= 0 ? 1 : yMax * 1.1);
        int left = x0 + M_LEFT;
        int right = x0 + PANEL_W - M_RIGHT;
        int top = M_TOP;
        int bottom = H - M_BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        g.drawString(xLabel + " (log scale)", (left + right) / 2 - 60, H - 15);
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            int y = bottom - (int) ((bottom - top) * i / 5.0);
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(left + 1, y, right, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.0f", v), x0 + 10, y + 4);
        }
        List<Double> ticks = new ArrayList<>();
        byServer.values().forEach(rs -> rs.forEach(r -> {
            if (!ticks.contains((double) r.step())) {
                ticks.add((double) r.step());
            }
        }));
        for (double t : ticks) {
            int x = xPos(t, xMin, xMax, left, right);
            g.drawLine(x, bottom, x, bottom + 5);
            g.drawString(Integer.toString((int) t), x - 10, bottom + 20);
        }
        int legendY = top + 10;
        for (Map.Entry<String, List<StepResult>> e : byServer.entrySet()) {
            Color c = COLORS.getOrDefault(e.getKey(), Color.GRAY);
            g.setColor(c);
            g.setStroke(new BasicStroke(2.5f));
            int px = -1;
            int py = -1;
            for (StepResult r : e.getValue()) {
                double v = metric.applyAsDouble(r);
                if (Double.isNaN(v)) {
                    continue;
                }
                int x = xPos(r.step(), xMin, xMax, left, right);
                int y = bottom - (int) ((bottom - top) * v / yMax);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.fillRect(right - 110, legendY - 9, 18, 4);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), right - 85, legendY - 3);
            legendY += 18;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static int xPos(double v, double min, double max, int left, int right) {
        double lo = Math.log(Math.max(min, 1) * 0.8);
        double hi = Math.log(max * 1.15);
        return left + (int) ((right - left) * (Math.log(Math.max(v, 1)) - lo) / (hi - lo));
    }

    private static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
