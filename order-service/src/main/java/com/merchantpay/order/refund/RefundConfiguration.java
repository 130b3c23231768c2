package com.merchantpay.order.refund;

import com.merchantpay.order.psp.PlacementProperties;
import com.merchantpay.schemas.kafka.KafkaClients;
import com.merchantpay.schemas.kafka.PollWatchdog;
import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.serde.EventDeserializer;
import com.merchantpay.schemas.serde.EventSerializer;
import com.merchantpay.useepay.UseePayClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The refund executor: its own consumer group on the refunds topic, the service's producer, the UseePay client. */
@Configuration(proxyBeanMethods = false)
class RefundConfiguration {

    static final String GROUP = "order-service-refunds";

    @Bean
    RefundExecutor refundExecutor(KafkaProperties kafka, RegisteredSchemas schemas, Producer<String, byte[]> orderProducer,
                                  UseePayClient useePay, PlacementProperties retry, RefundProperties properties,
                                  PollWatchdog watchdog, MeterRegistry meters) {
        Map<String, Object> config = KafkaClients.consumer(String.join(",", kafka.getBootstrapServers()),
                KafkaClients.TRANSACTIONAL_TOPIC_FETCH_WAIT);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "order-service-refunds");
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config);
        new KafkaClientMetrics(consumer).bindTo(meters);
        return new RefundExecutor(consumer, orderProducer, new EventDeserializer(schemas), new EventSerializer(schemas),
                new RefundCall(useePay, retry), properties.maxAge(), properties.deadline(), properties.keepAsking(), watchdog, meters);
    }
}
