package com.merchantpay.order.checkout;

import com.merchantpay.order.ledger.LedgerLoader;
import com.merchantpay.order.ledger.OrderLedger;
import com.merchantpay.useepay.autoconfigure.UseePayProperties;
import com.merchantpay.schemas.kafka.DeadLetterCounts;
import com.merchantpay.schemas.kafka.KafkaClients;
import com.merchantpay.schemas.kafka.PollWatchdog;
import com.merchantpay.schemas.kafka.RecordAges;
import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.serde.EventDeserializer;
import com.merchantpay.schemas.serde.EventSerializer;
import com.merchantpay.schemas.topics.PaymentTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's Kafka clients: one producer for decisions and dead letters (values serialized by
 * the publisher, so a dead letter keeps the exact bytes that arrived), and the checkout consumer.
 */
@Configuration(proxyBeanMethods = false)
class CheckoutKafkaConfiguration {

    /** A send waits at most this long for metadata or buffer space; its acknowledgement at most the delivery timeout. */
    private static final Duration MAX_BLOCK = Duration.ofSeconds(5);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> orderProducer(KafkaProperties kafka, MeterRegistry meters) {
        Map<String, Object> config = KafkaClients.producer(bootstrapServers(kafka), MAX_BLOCK, DELIVERY_TIMEOUT);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "order-service-decisions");
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config);
        new KafkaClientMetrics(producer).bindTo(meters);
        // Metadata now, so no send on a UseePay reply thread waits for it.
        producer.partitionsFor(PaymentTopics.ORDERS.name());
        producer.partitionsFor(PaymentTopics.CHECKOUTS.deadLetterTopic());
        producer.partitionsFor(PaymentTopics.ALERTS.name());
        producer.partitionsFor(PaymentTopics.REFUNDS.name());
        return producer;
    }

    @Bean
    LedgerLoader ledgerLoader(KafkaProperties kafka, OrderLedger ledger, CheckoutProperties properties) {
        return new LedgerLoader(bootstrapServers(kafka), ledger, properties.maxAge());
    }

    @Bean
    OrderEventPublisher orderEventPublisher(Producer<String, byte[]> orderProducer, RegisteredSchemas schemas,
                                            OrderLedger ledger, DecisionMetrics metrics, UseePayProperties useepay,
                                            ObservationRegistry observations) {
        return new OrderEventPublisher(orderProducer, new EventSerializer(schemas), ledger, metrics, useepay, observations);
    }

    @Bean
    CheckoutConsumer checkoutConsumer(KafkaProperties kafka, RegisteredSchemas schemas,
                                      Producer<String, byte[]> orderProducer, CheckoutWorkflow workflow,
                                      LedgerLoader ledgerLoader, OrderLedger ledger, OrderGuard guard,
                                      PartitionLeases leases, OrderEventPublisher publisher, CheckoutProperties properties,
                                      DecisionMetrics metrics, PollWatchdog watchdog, MeterRegistry meters,
                                      ObservationRegistry observations) {
        String group = kafka.getConsumer().getGroupId();
        Map<String, Object> config = KafkaClients.consumer(bootstrapServers(kafka), Duration.ofMillis(500));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "order-service-checkouts");
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // A partition the group never committed starts at the horizon (CheckoutConsumer seeks there);
        // earliest is only for an offset that fell out of retention: read what is left.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxInFlight());
        // Scaling out moves only the partitions that change owner; the others keep working.
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config);
        new KafkaClientMetrics(consumer).bindTo(meters);
        List<String> topics = List.of(PaymentTopics.CHECKOUTS.name());
        return new CheckoutConsumer(consumer, new EventDeserializer(schemas), workflow,
                new CheckoutDeadLetters(orderProducer, group, metrics, new DeadLetterCounts(meters, group, topics)),
                ledgerLoader, ledger, guard, leases, publisher, properties, watchdog,
                new RecordAges(meters, group, topics), meters, observations);
    }

    static String bootstrapServers(KafkaProperties kafka) {
        return String.join(",", kafka.getBootstrapServers());
    }
}
