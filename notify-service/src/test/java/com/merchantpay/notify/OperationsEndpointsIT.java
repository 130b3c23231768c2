package com.merchantpay.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.notify.support.RunningNotifyService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What operators scrape and probe, on the management port; UseePay's port serves none of it. */
class OperationsEndpointsIT extends RunningNotifyService {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void actuatorAnswersOnTheManagementPortOnlyNeverWhereUseePayPosts() {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus")) {
            assertThat(get(managementPort, path).statusCode()).as("management " + path).isEqualTo(200);
            assertThat(get(port, path).statusCode()).as("public " + path).isEqualTo(404);
        }
    }

    @Test
    void readinessNamesTheProducerAndTheOutcomeProcessor() {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        String body = get("/actuator/health/readiness").body();
        assertThat(body).contains("\"notifyProducer\"").contains("\"outcomeProcessor\"").contains("RUNNING")
                .contains("\"kafkaConsumers\"");
    }

    @Test
    void prometheusShowsNotificationsOutcomesAndStreamsMetrics() {
        String orderNo = newOrderNo("metrics");
        placeOrder(orderNo);
        sandbox.pay(orderNo);
        await().atMost(Duration.ofSeconds(30)).until(() -> !outcomes(orderNo).isEmpty());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
                .contains("notify_notifications_total{reason=\"pay\",result=\"accepted\"")
                .contains("notify_notifications_ack_seconds_bucket")
                .contains("notify_outcomes_total{kind=\"PaymentSucceeded\"")
                .contains("kafka_stream_"));
    }

    private HttpResponse<String> get(String path) {
        return get(managementPort, path);
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
