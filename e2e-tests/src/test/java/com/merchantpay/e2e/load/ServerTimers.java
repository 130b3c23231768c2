package com.merchantpay.e2e.load;

import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.localstack.service.ServiceProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the time goes, hop by hop, from the services' own Prometheus timers: each timer's sum, count
 * and histogram buckets read before and after a step give its mean and (bucket-resolution) p99 over
 * the step alone.
 */
final class ServerTimers {

    /**
     * One hop of a checkout: a timer of one service, optionally one labelled series of it.
     *
     * @param series a label the line must carry (e.g. {@code topic="payments.orders.v1"}), or null
     */
    record Hop(String title, String service, String timer, String series) {
        String key() {
            return service + " " + timer + (series == null ? "" : "{" + series + "}");
        }
    }

    /** The event-driven checkout, in the order a checkout passes them. */
    static final List<Hop> CHECKOUT_HOPS = List.of(
            new Hop("gateway → broker ack (`CheckoutRequested`)", "gateway-service", "gateway_events_publish", null),
            new Hop("broker → order-service starts it (record age)", "order-service", "order_checkout_record_age", null),
            new Hop("UseePay `pay` (incl. 100 ms added latency)", "order-service", "order_psp_calls", null),
            new Hop("decision → broker ack (`OrderCreated`)", "order-service", "order_decision_publish", null),
            new Hop("decision → gateway view applied (record age)", "gateway-service", "gateway_view_record_age",
                    "topic=\"payments.orders.v1\""),
            new Hop("gateway wait: ack → verdict (the four above but the first)", "gateway-service", "gateway_checkout_wait", null));

    static final Hop BASELINE_REQUEST = new Hop("baseline `POST /checkout`", "direct-checkout-baseline", "http_server_requests",
            "uri=\"/checkout\"");
    /** A paid order's notification, in the order it passes them. */
    static final List<Hop> NOTIFICATION_HOPS = List.of(
            new Hop("notify-service: notification in → durable on the findings topic → 200", "notify-service",
                    "notify_notifications_ack", "result=\"accepted\""),
            new Hop("findings topic → outcome processor takes it (record age)", "notify-service", "notify_outcome_finding_age",
                    "kind=\"notification\""));

    /** A timer's total seconds, count and cumulative bucket counts (upper bound in seconds → count) at one moment. */
    record Reading(double seconds, double count, TreeMap<Double, Double> buckets) {
    }

    /** Mean and p99 of a hop over one step, in milliseconds (NaN when it saw no calls or has no histogram). */
    record Figures(double meanMillis, double p99Millis, long calls) {
    }

    private ServerTimers() {
    }

    static Map<String, Reading> read(LoadClient client, Map<String, ServiceProcess> processes) {
        Map<String, Reading> readings = new LinkedHashMap<>();
        Map<String, String> scraped = new LinkedHashMap<>();
        List<Hop> hops = new java.util.ArrayList<>(CHECKOUT_HOPS);
        hops.add(BASELINE_REQUEST);
        hops.addAll(NOTIFICATION_HOPS);
        for (Hop hop : hops) {
            ServiceProcess process = processes.get(hop.service());
            if (process == null) {
                continue;
            }
            String metrics = scraped.computeIfAbsent(hop.service(),
                    service -> client.text(RunningStack.metricsUri(process)).block(Duration.ofSeconds(10)));
            readings.put(hop.key(), new Reading(sum(metrics, hop.timer() + "_seconds_sum", hop.series()),
                    sum(metrics, hop.timer() + "_seconds_count", hop.series()), buckets(metrics, hop)));
        }
        return readings;
    }

    static Map<String, Figures> since(Map<String, Reading> before, Map<String, Reading> after) {
        Map<String, Figures> figures = new LinkedHashMap<>();
        after.forEach((key, reading) -> {
            Reading start = before.getOrDefault(key, new Reading(0, 0, new TreeMap<>()));
            double calls = reading.count() - start.count();
            double mean = calls <= 0 ? Double.NaN : (reading.seconds() - start.seconds()) * 1000 / calls;
            figures.put(key, new Figures(mean, p99(start.buckets(), reading.buckets(), calls), Math.round(calls)));
        });
        return figures;
    }

    /** The smallest bucket bound under which 99 % of the step's calls fell. */
    private static double p99(TreeMap<Double, Double> before, TreeMap<Double, Double> after, double calls) {
        if (calls <= 0 || after.isEmpty()) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Double> bucket : after.entrySet()) {
            double within = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
            if (within >= 0.99 * calls) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.NaN;
    }

    private static TreeMap<Double, Double> buckets(String metrics, Hop hop) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        String name = hop.timer() + "_seconds_bucket{";
        metrics.lines().filter(line -> line.startsWith(name)).filter(line -> matches(line, hop.series())).forEach(line -> {
            int le = line.indexOf("le=\"") + 4;
            String bound = line.substring(le, line.indexOf('"', le));
            if (!bound.equals("+Inf")) {
                buckets.merge(Double.parseDouble(bound), value(line), Double::sum);
            }
        });
        return buckets;
    }

    private static double sum(String metrics, String name, String series) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> !line.contains("uri=\"/actuator")).filter(line -> matches(line, series))
                .mapToDouble(ServerTimers::value).sum();
    }

    private static boolean matches(String line, String series) {
        return series == null || line.contains(series);
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
