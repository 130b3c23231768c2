package com.merchantpay.e2e.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The dip and recovery around each broker kill as a PNG, drawn with XChart as the load benchmark's
 * chart is (no external tool): one panel per kill, seconds from the kill across, checkouts answered
 * per second on the left axis, the p99 wait on the right axis (a second axis, because a stall
 * shows as the rate falling while the wait climbs by an order of magnitude), and a vertical line at
 * each moment of the outage (killed, leaders moved, restarted, live again, in sync).
 */
final class BrokerOutageChart {

    private BrokerOutageChart() {
    }

    static void write(List<BrokerOutage.Dip> dips, String subtitle, Path png) {
        List<XYChart> panels = new ArrayList<>();
        for (int i = 0; i < dips.size(); i++) {
            panels.add(panel(dips.get(i), "Broker kill " + (i + 1) + " of " + dips.size() + " — " + subtitle));
        }
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(panels, panels.size(), 1, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYChart panel(BrokerOutage.Dip dip, String title) {
        BrokerOutage outage = dip.outage();
        XYChart chart = new XYChartBuilder().width(1000).height(420).title(title + " (node " + outage.victim() + ")")
                .xAxisTitle("seconds from the kill -9 (5-second buckets, by when the answer came)")
                .yAxisTitle("checkouts answered per second").build();
        chart.setYAxisGroupTitle(1, "p99 wait for the answer (ms)");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        // Below the plot: inside it, it hid the labels of the kill's first seconds.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        // Both axes from zero: a stall is a fall to nothing, and an axis starting at the lowest bucket would hide how deep it is.
        chart.getStyler().setYAxisMin(0, 0.0);
        chart.getStyler().setYAxisMin(1, 0.0);
        List<CheckoutBuckets.Bucket> buckets = dip.buckets();
        // Each bucket drawn at its middle: the rate is an average over it.
        double[] middle = buckets.stream().mapToDouble(bucket -> outage.secondsFromKill(bucket.from())
                + bucket.length().toSeconds() / 2.0).toArray();
        XYSeries rate = chart.addSeries("checkouts/s", middle, buckets.stream().mapToDouble(CheckoutBuckets.Bucket::perSecond).toArray());
        rate.setMarker(SeriesMarkers.CIRCLE);
        rate.setLineStyle(SeriesLines.SOLID);
        // A bucket with no answer has no p99: drawn at 0 so the gap is visible instead of interpolated over.
        XYSeries p99 = chart.addSeries("p99 wait (ms)", middle, buckets.stream()
                .mapToDouble(bucket -> bucket.p99Millis().orElse(0L)).toArray());
        p99.setYAxisGroup(1);
        p99.setMarker(SeriesMarkers.DIAMOND);
        p99.setLineStyle(SeriesLines.DASH_DASH);
        double top = buckets.stream().mapToDouble(CheckoutBuckets.Bucket::perSecond).max().orElse(1);
        int row = 0;
        for (Map.Entry<String, Instant> event : outage.events()) {
            double at = outage.secondsFromKill(event.getValue());
            chart.addAnnotation(new AnnotationLine(at, true, false));
            // Labels stepped down one after the other: "restarted" and "live again" can be a second apart.
            chart.addAnnotation(new AnnotationText(event.getKey() + String.format(" +%.0f s", at), at, top * (0.95 - 0.08 * row++), false));
        }
        return chart;
    }
}
