package com.merchantpay.ops.history;

import static com.merchantpay.ops.support.OpsRun.ops;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.merchantpay.ops.support.OpsRun;
import com.merchantpay.ops.support.SampleOrderEvents;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HistoryCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void topics() {
        SharedInfrastructure.provisionPaymentTopics();
    }

    @Test
    void showsEveryEventTypeOfOneOrderInTimeOrderWithTraceIds() throws Exception {
        String orderNo = "ORD-" + UUID.randomUUID();
        String otherOrder = "ORD-" + UUID.randomUUID();
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        List<SampleOrderEvents.Placed> events = new ArrayList<>(SampleOrderEvents.everyOrderEvent(orderNo, "trace-" + orderNo));
        // Written newest first across topics, so only sorting by time can put them in order.
        try (SampleOrderEvents writer = new SampleOrderEvents()) {
            for (int i = events.size() - 1; i >= 0; i--) {
                SampleOrderEvents.Placed placed = events.get(i);
                RecordMetadata written = writer.send(placed.topic(), orderNo, placed.event(), base.plusSeconds(i), "trace-" + orderNo);
                assertThat(written.partition()).isEqualTo(OrderPartition.of(orderNo, PaymentTopics.ORDER_PARTITIONS));
            }
            SampleOrderEvents.Placed noise = SampleOrderEvents.everyOrderEvent(otherOrder, "trace-other").getFirst();
            writer.send(noise.topic(), otherOrder, noise.event(), base, "trace-other");
        }

        OpsRun run = ops("history", orderNo, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode history = JSON.readTree(run.out());
        assertThat(history.path("orderNo").asText()).isEqualTo(orderNo);
        List<String> types = new ArrayList<>();
        history.path("events").forEach(event -> types.add(event.path("type").asText()));
        assertThat(types).containsExactlyElementsOf(events.stream().map(placed -> placed.event().getSchema().getName()).toList());
        for (JsonNode event : history.path("events")) {
            assertThat(event.path("traceId").asText()).isEqualTo("trace-" + orderNo);
            assertThat(event.path("event").path("orderNo").asText()).isEqualTo(orderNo);
            assertThat(event.path("partition").asInt()).isEqualTo(OrderPartition.of(orderNo, PaymentTopics.ORDER_PARTITIONS));
        }
        assertThat(history.path("events").get(0).path("topic").asText()).isEqualTo(PaymentTopics.CHECKOUTS.name());
        assertThat(history.path("events").get(0).path("time").asText()).isEqualTo(base.toString());
        assertThat(run.out()).doesNotContain(otherOrder);
    }

    /**
     * Events carry nested records (CheckoutItem, WxPaymentParameters); registered whole, they decode
     * from the schema behind the id alone.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void decodesTheNestedRecordsOfEventsWrittenAsTheServicesWriteThem() throws Exception {
        String orderNo = "ORD-" + UUID.randomUUID();
        List<SampleOrderEvents.Placed> events = SampleOrderEvents.everyOrderEvent(orderNo, "trace-serde");
        try (SampleOrderEvents writer = new SampleOrderEvents()) {
            writer.send(events.get(0).topic(), orderNo, events.get(0).event(), Instant.now().minusSeconds(2), "trace-serde");
            writer.send(events.get(1).topic(), orderNo, events.get(1).event(), Instant.now().minusSeconds(1), "trace-serde");
        }

        OpsRun run = ops("history", orderNo, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode history = JSON.readTree(run.out());
        assertThat(history.path("events").get(0).path("type").asText()).isEqualTo("CheckoutRequested");
        assertThat(history.path("events").get(0).path("event").path("items").get(0).path("productId").asText())
                .isEqualTo("productId-sample");
        assertThat(history.path("events").get(1).path("event").path("payment").path("nonceStr").asText())
                .isEqualTo("nonceStr-sample");
    }

    @Test
    void textOutputAndSinceBoundSkipOlderEvents() {
        String orderNo = "ORD-" + UUID.randomUUID();
        Instant old = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        Instant recent = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        List<SampleOrderEvents.Placed> events = SampleOrderEvents.everyOrderEvent(orderNo, "t-1");
        try (SampleOrderEvents writer = new SampleOrderEvents()) {
            writer.send(events.get(0).topic(), orderNo, events.get(0).event(), old, "t-1");
            writer.send(events.get(5).topic(), orderNo, events.get(5).event(), recent, "t-1");
        }

        OpsRun all = ops("history", orderNo);
        OpsRun sinceYesterday = ops("history", orderNo, "--since", Instant.now().minus(1, ChronoUnit.DAYS).toString());

        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out()).contains("2 events for order " + orderNo, "CheckoutRequested", "PaymentSucceeded", "trace=t-1");
        assertThat(sinceYesterday.out()).contains("1 events for order " + orderNo, "PaymentSucceeded")
                .doesNotContain("CheckoutRequested");
    }

    @Test
    void anOrderWithoutEventsIsNotAnError() {
        OpsRun run = ops("history", "ORD-never-" + UUID.randomUUID());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("no events for order");
    }
}
