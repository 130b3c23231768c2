package com.merchantpay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.schemas.kafka.KafkaConventionsAutoConfiguration;
import com.merchantpay.schemas.kafka.SchemaCheck;
import com.merchantpay.schemas.kafka.TopicsInUse;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.topics.TopicSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A service declares the topics it uses and, before any client of it starts, finds every schema of
 * them in the registry, or refuses to start saying which one is missing. Services never register.
 */
class SchemaCheckIT {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaConventionsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("registry.url=" + SharedInfrastructure.registryUrl(),
                    "spring.kafka.bootstrap-servers=" + SharedInfrastructure.bootstrapServers());

    SchemaCheckIT() {
        SharedInfrastructure.provisionPaymentTopics();
    }

    @Test
    void aServiceWhoseSchemasAreRegisteredStartsReadyForThem() {
        service.withBean(TopicsInUse.class, () -> TopicsInUse.of(PaymentTopics.ORDERS, PaymentTopics.OUTCOMES))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(SchemaCheck.class).health().getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void aServiceThatWouldWriteAnUnregisteredSchemaRefusesToStartNamingIt() {
        TopicSpec future = new TopicSpec(PaymentTopics.OUTCOMES.name(), 1, Map.of(), List.of(PaymentSucceeded.getClassSchema(),
                SchemaBuilder.record("RefundSettled").namespace("com.merchantpay.events.future").fields()
                        .requiredString("orderNo").endRecord()));
        service.withBean(TopicsInUse.class, () -> TopicsInUse.of(future))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("com.merchantpay.events.future.RefundSettled")
                        .hasMessageContaining("bin/ops schemas register")
                        .hasMessageNotContaining("PaymentSucceeded"));
    }
}
