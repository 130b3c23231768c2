package com.merchantpay.e2e.load;

import com.merchantpay.localstack.service.ServiceProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the time goes, from the services' own Prometheus timers: sums and counts of a few timers,
 * read before and after a step, give each timer's mean over the step.
 */
final class ServerTimers {

    /** service name → timer base name (Prometheus, without {@code _seconds_sum/_count}). */
    static final Map<String, String> TIMERS = Map.of(
            "gateway-service", "gateway_checkout_wait",
            "order-service", "order_psp_calls",
            "notify-service", "notify_notifications_ack",
            "direct-checkout-baseline", "http_server_requests");

    /** A timer's total seconds and count at one moment. */
    record Reading(double seconds, double count) {
        double meanMillisSince(Reading before) {
            double calls = count - before.count;
            return calls <= 0 ? Double.NaN : (seconds - before.seconds) * 1000 / calls;
        }
    }

    private ServerTimers() {
    }

    static Map<String, Reading> read(LoadClient client, Map<String, ServiceProcess> processes) {
        Map<String, Reading> readings = new LinkedHashMap<>();
        TIMERS.forEach((service, timer) -> {
            ServiceProcess process = processes.get(service);
            if (process != null) {
                String metrics = client.text(process.baseUrl().resolve("/actuator/prometheus")).block(Duration.ofSeconds(10));
                readings.put(service + " " + timer, new Reading(sum(metrics, timer + "_seconds_sum"), sum(metrics, timer + "_seconds_count")));
            }
        });
        return readings;
    }

    static Map<String, Double> meansSince(Map<String, Reading> before, Map<String, Reading> after) {
        Map<String, Double> means = new LinkedHashMap<>();
        after.forEach((name, reading) -> means.put(name, reading.meanMillisSince(before.getOrDefault(name, new Reading(0, 0)))));
        return means;
    }

    private static double sum(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> !line.contains("uri=\"/actuator"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
