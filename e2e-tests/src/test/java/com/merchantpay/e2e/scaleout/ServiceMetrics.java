package com.merchantpay.e2e.scaleout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/** One value from a service's {@code /actuator/prometheus}, as an operator's scraper would read it. */
final class ServiceMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceMetrics() {
    }

    /**
     * The first sample of {@code metric} (any labels), or empty when the service does not answer or has none.
     *
     * @param metrics the service's scrape address ({@code RunningStack.metricsUri})
     */
    static OptionalDouble gauge(URI metrics, String metric) {
        try {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(metrics)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                return OptionalDouble.empty();
            }
            return reply.body().lines()
                    .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .findFirst();
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }
}
