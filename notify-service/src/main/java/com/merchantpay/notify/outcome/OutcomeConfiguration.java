package com.merchantpay.notify.outcome;

import com.merchantpay.schemas.kafka.PollWatchdog;
import com.merchantpay.schemas.kafka.StreamsRunner;
import com.merchantpay.schemas.kafka.StreamsSettings;
import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.serde.EventDeserializer;
import com.merchantpay.schemas.serde.EventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outcome processor, run by the team's {@link StreamsRunner}; its health is the {@code outcomeProcessor} indicator. */
@Configuration(proxyBeanMethods = false)
class OutcomeConfiguration {

    @Bean(name = "outcomeProcessor")
    StreamsRunner outcomeProcessor(OutcomeProperties properties, KafkaProperties kafka, RegisteredSchemas schemas,
                                   PollWatchdog watchdog, MeterRegistry meters) {
        StreamsSettings settings = new StreamsSettings(properties.applicationId(), String.join(",", kafka.getBootstrapServers()),
                properties.commitInterval(), StreamsSettings.InputFetch.PROMPT, properties.streamThreads(), properties.replicationFactor(),
                properties.standbyReplicas(), properties.stateDir());
        // One for the runner's life: every start builds the topology again, and must report into the same gauges.
        OutcomeMetrics metrics = new OutcomeMetrics(meters);
        return new StreamsRunner(settings, () -> OutcomeTopology.build(new EventDeserializer(schemas), new EventSerializer(schemas),
                properties.findingWait(), properties.waitCheckInterval(), properties.settledRetention(), metrics),
                meters, watchdog);
    }
}
