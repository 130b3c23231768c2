package com.merchantpay.schemas.kafka;

import com.merchantpay.schemas.registry.RegisteredSchemas;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * What every service that declares its {@link TopicsInUse} gets: the registry ({@code registry.*}),
 * the process's {@link RegisteredSchemas}, the schema and topic checks at start, and the {@link PollWatchdog}
 * ({@code kafkaConsumers} health indicator).
 */
@AutoConfiguration
@ConditionalOnBean(TopicsInUse.class)
@EnableConfigurationProperties(RegistryProperties.class)
public class KafkaConventionsAutoConfiguration {

    @Bean
    RegisteredSchemas registeredSchemas(RegistryProperties registry) {
        return RegisteredSchemas.of(registry.settings());
    }

    @Bean(name = "schemas")
    SchemaCheck schemaCheck(RegisteredSchemas schemas, TopicsInUse topics, RegistryProperties registry) {
        return new SchemaCheck(schemas, topics, registry.startupWait());
    }

    @Bean
    TopicLayoutCheck topicLayoutCheck(Environment environment, TopicsInUse topics) {
        return new TopicLayoutCheck(environment.getProperty("spring.kafka.bootstrap-servers", "127.0.0.1:9092"), topics);
    }

    @Bean(name = "kafkaConsumers", destroyMethod = "close")
    PollWatchdog pollWatchdog(MeterRegistry meters) {
        return new PollWatchdog(meters, PollWatchdog.DEFAULT_THRESHOLD, Duration.ofSeconds(5));
    }
}
