package com.merchantpay.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.notify.support.RunningNotifyService;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** Never a 200 for what Kafka did not take; UseePay's retry lands once the broker is back. */
class BrokerOutageIT extends RunningNotifyService {

    @Test
    void whileTheBrokerIsDownNotificationsGetANon200AndUseePaysRetryLandsAfterwards() {
        String orderNo = newOrderNo("outage");
        placeOrder(orderNo);
        awaitProcessed();
        double notRecordedBefore = counter("notify.notifications", "result", "not_recorded");

        SharedInfrastructure.broker().stop();
        try {
            sandbox.pay(orderNo);
            await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.counters(orderNo).notificationsSent() >= 1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> counter("notify.notifications", "result", "not_recorded") > notRecordedBefore);
            assertThat(sandbox.counters(orderNo).notificationsAcknowledged()).as("no 200 without Kafka").isZero();
            assertThat(readinessStatus()).isEqualTo(503);
        } finally {
            SharedInfrastructure.broker().start();
        }

        // UseePay's first retry comes one (sandbox) minute later: 6 s.
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.counters(orderNo).notificationsAcknowledged() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomeKinds(orderNo).equals(List.of("PaymentSucceeded")));
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomeStreams.state() == KafkaStreams.State.RUNNING
                && readinessStatus() == 200);
    }

    private int readinessStatus() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
