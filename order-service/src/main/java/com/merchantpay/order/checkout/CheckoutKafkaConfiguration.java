package com.merchantpay.order.checkout;

import com.merchantpay.schemas.serde.RegistryWireFormat;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka wiring beyond application.yml: the registry's wire format on both sides, and the
 * dead-letter path.
 */
@Configuration(proxyBeanMethods = false)
class CheckoutKafkaConfiguration {

    @Bean
    DefaultKafkaConsumerFactoryCustomizer registryWireFormatConsumer(RegistryProperties registry) {
        return factory -> factory.updateConfigs(RegistryWireFormat.consumerSerdeConfig(registry.url()));
    }

    /**
     * Events go out as Avro in the registry's wire format; dead letters of records that could not be
     * read go out as the very bytes that arrived (spring-kafka hands the recoverer a byte[] then).
     */
    @Bean
    @SuppressWarnings("unchecked")
    DefaultKafkaProducerFactoryCustomizer registryWireFormatProducer(RegistryProperties registry) {
        return factory -> {
            factory.updateConfigs(RegistryWireFormat.producerSerdeConfig(registry.url()));
            Map<Class<?>, Serializer<?>> byType = Map.of(
                    byte[].class, new ByteArraySerializer(),
                    SpecificRecord.class, new AvroKafkaSerializer<>());
            ((DefaultKafkaProducerFactory<Object, Object>) factory)
                    .setValueSerializer(new DelegatingByTypeSerializer(byType, true));
        };
    }

    /**
     * What the workflow could not finish (after its own bounded retries) and what could not be read
     * at all goes to {@code <topic>.dlt}, same partition, with spring-kafka's {@code kafka_dlt-*}
     * headers (original topic, partition, offset, exception class and message). No second round of
     * retries here: the workflow already retried what is worth retrying, and a poison record never
     * gets better.
     */
    @Bean
    DefaultErrorHandler checkoutErrorHandler(KafkaTemplate<Object, Object> kafka, DecisionMetrics metrics) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(record.topic() + ".dlt", record.partition()));
        ConsumerRecordRecoverer counted = (record, failure) -> {
            metrics.deadLettered(failure);
            deadLetters.accept(record, failure);
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(counted, new FixedBackOff(0L, 0L));
        // Recover the failed record in place and go on with the rest of the poll. Seeking back instead
        // (the default) leaves the rest of the poll counted as pending asynchronous acks that never
        // come, and the partition would stall until the next rebalance (seen with spring-kafka 4.1.2).
        handler.setSeekAfterError(false);
        return handler;
    }
}
