package com.merchantpay.reconciliation.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.reconciliation.support.ReconciliationScenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What operators see: health that follows the stream, and the reconciler's Prometheus metrics. */
class OperationsEndpointsIT extends ReconciliationScenario {

    private static final Pattern YOUNG_STRAGGLERS = Pattern.compile("reconciliation_stragglers\\{age=\"under_5m\"[^}]*} ([0-9.]+)");

    @Test
    void healthIsUpWhileTheStreamRuns() {
        assertThat(get("/actuator/health")).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/reconciliationStreams")).contains("RUNNING");
    }

    @Test
    void prometheusShowsStragglersQueriesAndGaveUps() {
        placedOrder("metrics", 20); // never paid: a straggler until it expires

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String metrics = get("/actuator/prometheus");
            Matcher stragglers = YOUNG_STRAGGLERS.matcher(metrics);
            assertThat(stragglers.find()).as("stragglers gauge present").isTrue();
            assertThat(Double.parseDouble(stragglers.group(1))).isGreaterThanOrEqualTo(1.0);
            assertThat(metrics).contains("reconciliation_queries_total{result=\"received\"")
                    .contains("reconciliation_gave_up_total")
                    .contains("reconciliation_oldest_unsettled_age_seconds")
                    .contains("reconciliation_query_latency_seconds");
        });
    }

    private static String get(String path) {
        String port = reconciler.context().getEnvironment().getProperty("local.server.port");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return reply.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
