package com.merchantpay.gateway.events;

import com.merchantpay.schemas.kafka.KafkaClients;
import com.merchantpay.schemas.kafka.RegistryProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/** The one producer of the gateway: String keys, Avro values in the registry's wire format. */
@Configuration(proxyBeanMethods = false)
class KafkaProducerConfiguration {

    @Bean
    ProducerFactory<String, SpecificRecord> eventProducerFactory(KafkaProperties kafka, RegistryProperties registry,
                                                                 EventsProperties events) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.putAll(KafkaClients.eventProducer(String.join(",", kafka.getBootstrapServers()), registry.url(),
                events.ackTimeout(), events.ackTimeout()));
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    KafkaTemplate<String, SpecificRecord> eventTemplate(ProducerFactory<String, SpecificRecord> factory) {
        return new KafkaTemplate<>(factory);
    }
}
