package com.merchantpay.reconciliation.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.reconciliation.support.ReconciliationScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** UseePay failing for a while slows the reconciler down; it loses nothing. */
class UseePayOutageIT extends ReconciliationScenario {

    @Test
    void queriesBackOffWhileUseePayFailsAndEveryStragglerIsSettledOnceItRecovers() {
        useePay.faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0,\"next\":0},"
                + "\"QUERY_SERVER_ERROR\":{\"share\":1.0,\"next\":0}}}");
        List<String> orders = IntStream.range(0, 5).mapToObj(i -> paidOrder()).toList();
        awaitReconcilerRead();

        Duration outage = Duration.ofSeconds(3);
        await().during(outage).atMost(outage.plusSeconds(5)).untilAsserted(() ->
                orders.forEach(orderNo -> assertThat(findings(orderNo)).isEmpty()));
        // Without backoff a 50 ms tick would have asked ~60 times per order in that time.
        orders.forEach(orderNo -> assertThat(useePay.queries(orderNo)).isBetween(2L, 10L));

        // Then it answers slowly: every query outlives the client's 1 s response timeout.
        useePay.faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0,\"next\":0},"
                + "\"QUERY_TIMEOUT\":{\"share\":1.0,\"next\":0}},\"stall\":\"PT3S\"}");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).untilAsserted(() ->
                orders.forEach(orderNo -> assertThat(findings(orderNo)).isEmpty()));

        useePay.faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0,\"next\":0}}}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> orders.forEach(orderNo -> {
            assertThat(findings(orderNo, "succeed")).singleElement()
                    .satisfies(finding -> assertThat(finding.getAttempt()).isEqualTo(1));
            assertThat(gaveUps(orderNo)).isEmpty();
        }));
    }

    private static String paidOrder() {
        String orderNo = newOrderNo("outage");
        Instant created = Instant.now();
        createAtUseePay(orderNo, 20);
        useePay.pay(orderNo);
        events.orderCreated(orderNo, created, announcedExpiry(created, 20));
        return orderNo;
    }
}
