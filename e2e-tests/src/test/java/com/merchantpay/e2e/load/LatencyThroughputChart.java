package com.merchantpay.e2e.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/**
 * Latency against throughput for both paths, drawn from the measured steps with Java2D and written
 * as PNG: one line per path and percentile (p50 dashed, p99 solid), each point labelled with its
 * concurrency. No external tools.
 */
final class LatencyThroughputChart {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    private static final int LEFT = 80;
    private static final int RIGHT = 40;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;
    private static final Map<String, Color> COLOURS = Map.of("baseline", new Color(0x1f77b4), "event-driven", new Color(0xd62728));

    private LatencyThroughputChart() {
    }

    static void write(List<StepResult> steps, String subtitle, Path png) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            double maxX = niceCeiling(steps.stream().mapToDouble(StepResult::throughput).max().orElse(1) * 1.1);
            double maxY = niceCeiling(steps.stream().mapToDouble(StepResult::p99).max().orElse(1) * 1.1);
            axes(g, maxX, maxY, subtitle);
            Map<String, List<StepResult>> byPath = steps.stream().collect(Collectors.groupingBy(StepResult::path));
            byPath.forEach((path, points) -> {
                List<StepResult> ordered = points.stream().sorted(java.util.Comparator.comparingInt(StepResult::concurrency)).toList();
                Color colour = COLOURS.getOrDefault(path, Color.DARK_GRAY);
                series(g, ordered, StepResult::p99, maxX, maxY, colour, new BasicStroke(2.5f), true);
                series(g, ordered, StepResult::p50, maxX, maxY, colour,
                        new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {7, 5}, 0), false);
            });
            legend(g, byPath.keySet().stream().sorted().toList());
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void axes(Graphics2D g, double maxX, double maxY, String subtitle) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Checkout latency vs throughput (closed loop, concurrency at each point)", LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(subtitle, LEFT, 46);
        int x0 = LEFT;
        int y0 = HEIGHT - BOTTOM;
        g.drawLine(x0, y0, WIDTH - RIGHT, y0);
        g.drawLine(x0, y0, x0, TOP);
        for (int i = 0; i <= 5; i++) {
            double xValue = maxX * i / 5;
            double yValue = maxY * i / 5;
            int x = x(xValue, maxX);
            int y = y(yValue, maxY);
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(x, y0, x, TOP);
            g.drawLine(x0, y, WIDTH - RIGHT, y);
            g.setColor(Color.BLACK);
            g.drawString(format(xValue), x - 12, y0 + 18);
            g.drawString(format(yValue), x0 - 45, y + 4);
        }
        g.drawString("throughput (checkouts with pay values per second)", WIDTH / 2 - 150, HEIGHT - 25);
        g.rotate(-Math.PI / 2);
        g.drawString("latency (ms)", -(HEIGHT / 2) - 30, 22);
        g.rotate(Math.PI / 2);
    }

    private static void series(Graphics2D g, List<StepResult> points, ToDoubleFunction<StepResult> latency,
                               double maxX, double maxY, Color colour, BasicStroke stroke, boolean label) {
        g.setColor(colour);
        g.setStroke(stroke);
        for (int i = 1; i < points.size(); i++) {
            g.drawLine(x(points.get(i - 1).throughput(), maxX), y(latency.applyAsDouble(points.get(i - 1)), maxY),
                    x(points.get(i).throughput(), maxX), y(latency.applyAsDouble(points.get(i)), maxY));
        }
        g.setStroke(new BasicStroke(1));
        for (StepResult point : points) {
            int x = x(point.throughput(), maxX);
            int y = y(latency.applyAsDouble(point), maxY);
            g.fillOval(x - 4, y - 4, 8, 8);
            if (label) {
                g.drawString("c=" + point.concurrency(), x + 6, y - 6);
            }
        }
    }

    private static void legend(Graphics2D g, List<String> paths) {
        int y = TOP + 10;
        for (String path : paths) {
            Color colour = COLOURS.getOrDefault(path, Color.DARK_GRAY);
            g.setColor(colour);
            g.setStroke(new BasicStroke(2.5f));
            g.drawLine(LEFT + 20, y, LEFT + 50, y);
            g.setColor(Color.BLACK);
            g.drawString(path + " p99 (solid), p50 (dashed)", LEFT + 58, y + 4);
            y += 18;
        }
        g.setStroke(new BasicStroke(1));
    }

    private static int x(double value, double max) {
        return LEFT + (int) Math.round(value / max * (WIDTH - LEFT - RIGHT));
    }

    private static int y(double value, double max) {
        return HEIGHT - BOTTOM - (int) Math.round(value / max * (HEIGHT - TOP - BOTTOM));
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-9))));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value) {
        return value >= 100 || value == Math.rint(value) ? String.format("%.0f", value) : String.format("%.1f", value);
    }
}
