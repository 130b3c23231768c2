package com.merchantpay.e2e.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Latency against throughput for both paths, one line per path and percentile (p50 dashed, p99
 * solid), drawn with XChart on a logarithmic latency axis: the paths differ by an order of
 * magnitude at the tail, which a linear axis flattens into the floor.
 */
final class LatencyThroughputChart {

    private LatencyThroughputChart() {
    }

    static void write(List<StepResult> steps, String subtitle, Path png) {
        XYChart chart = new XYChartBuilder().width(960).height(600)
                .title("Checkout latency vs throughput — " + subtitle)
                .xAxisTitle("throughput (checkouts/s)").yAxisTitle("latency (ms, log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        for (String path : steps.stream().map(StepResult::path).distinct().toList()) {
            List<StepResult> ofPath = steps.stream().filter(step -> step.path().equals(path)).toList();
            line(chart, path + " p50", ofPath, StepResult::p50).setLineStyle(SeriesLines.DASH_DASH);
            line(chart, path + " p99", ofPath, StepResult::p99).setLineStyle(SeriesLines.SOLID);
        }
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYSeries line(XYChart chart, String name, List<StepResult> steps, ToDoubleFunction<StepResult> latency) {
        double[] throughput = steps.stream().mapToDouble(StepResult::throughput).toArray();
        // A log axis cannot show zero; a sub-millisecond percentile is drawn at 1 ms.
        double[] millis = steps.stream().mapToDouble(step -> Math.max(1, latency.applyAsDouble(step))).toArray();
        XYSeries series = chart.addSeries(name + " (c " + concurrencies(steps) + ")", throughput, millis);
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }

    private static String concurrencies(List<StepResult> steps) {
        return String.join("/", steps.stream().map(step -> Integer.toString(step.concurrency())).toList());
    }
}
