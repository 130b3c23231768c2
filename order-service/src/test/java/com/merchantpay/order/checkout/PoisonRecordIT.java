package com.merchantpay.order.checkout;

import static com.merchantpay.order.support.OrderServiceUnderTest.DECISION_WAIT;
import static com.merchantpay.order.support.OrderServiceUnderTest.awaitOneDecision;
import static com.merchantpay.order.checkout.PayFaultRecoveryIT.header;
import static com.merchantpay.order.support.Checkouts.checkout;
import static com.merchantpay.order.support.OrderServiceUnderTest.deadLetters;
import static com.merchantpay.order.support.Checkouts.item;
import static com.merchantpay.order.support.Checkouts.newOrderNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.order.support.OrderServiceUnderTest;
import com.merchantpay.order.support.Checkouts;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Records that can never be read go to the dead-letter topic with the reason, and the partition moves on. */
class PoisonRecordIT {

    private final Checkouts topics = Checkouts.checkouts();

    @BeforeAll
    static void startService() {
        OrderServiceUnderTest.sandbox().admin().reset();
        OrderServiceUnderTest.running();
    }

    @Test
    void poisonRecordsAreDeadLetteredAndTheGoodCheckoutsBehindThemAreDecided() throws Exception {
        String orderNo = newOrderNo("poison");
        byte[] notAvro = "{\"orderNo\":\"looks like JSON\"}".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchema = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
        OrderRejected wrongType = OrderRejected.newBuilder().setEventId("x").setOccurredAt(Instant.now())
                .setOrderNo(orderNo).setTraceId("t").setReasonCode("EMPTY_CART").setReasonMessage("wrong topic").build();

        // Same key, so all land on one partition, in this order, ahead of the good checkout.
        RecordMetadata first = topics.sendRaw(orderNo, notAvro);
        RecordMetadata second = topics.sendRaw(orderNo, unknownSchema);
        RecordMetadata third = topics.sendValue(orderNo, wrongType);
        RecordMetadata good = topics.send(checkout(orderNo, item("egg-tart", 2)));

        OrderCreated created = (OrderCreated) awaitOneDecision(orderNo, good).event();
        assertThat(created.getAmountMinor()).isEqualTo(2400);
        await().atMost(DECISION_WAIT).until(() -> deadLetters(orderNo).size() == 3);
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(orderNo);

        assertThat(dead).allSatisfy(record -> {
            assertThat(record.partition()).isEqualTo(first.partition());
            assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(PaymentTopics.CHECKOUTS.name());
            assertThat(header(record, "kafka_dlt-original-partition")).isNotNull();
            assertThat(header(record, "kafka_dlt-exception-fqcn")).isNotBlank();
        });
        assertThat(dead).extracting(record -> ByteBuffer.wrap(record.headers()
                .lastHeader("kafka_dlt-original-offset").value()).getLong())
                .containsExactly(first.offset(), second.offset(), third.offset());
        assertThat(dead.get(0).value()).as("the bytes as they arrived").isEqualTo(notAvro);
        assertThat(dead.get(1).value()).isEqualTo(unknownSchema);
        assertThat(header(dead.get(0), "kafka_dlt-exception-fqcn")).isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(header(dead.get(0), "kafka_dlt-exception-message")).contains("not in the Confluent wire format");
        assertThat(header(dead.get(1), "kafka_dlt-exception-fqcn")).endsWith("SchemaNotRegisteredException");
        assertThat(header(dead.get(2), "kafka_dlt-exception-message")).contains("not a CheckoutRequested");
        assertThat(prometheus()).contains("order_dead_letters_total{");
    }

    private static String prometheus() throws Exception {
        String port = OrderServiceUnderTest.running().getEnvironment().getProperty("local.management.port");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
