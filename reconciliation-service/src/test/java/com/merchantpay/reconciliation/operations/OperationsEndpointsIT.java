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
    void actuatorAnswersOnTheManagementPortOnly() {
        String publicPort = reconciler.context().getEnvironment().getProperty("local.server.port");
        assertThat(status(publicPort, "/actuator/health")).isEqualTo(404);
        assertThat(status(publicPort, "/actuator/prometheus")).isEqualTo(404);
        assertThat(status(managementPort(), "/actuator/health")).isEqualTo(200);
    }

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

    private static String managementPort() {
        return reconciler.context().getEnvironment().getProperty("local.management.port");
    }

    private static String get(String path) {
        return send(managementPort(), path).body();
    }

    private static int status(String port, String path) {
        return send(port, path).statusCode();
    }

    private static HttpResponse<String> send(String port, String path) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
