package com.merchantpay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.schemas.kafka.KafkaConventionsAutoConfiguration;
import com.merchantpay.schemas.kafka.TopicsInUse;
import com.merchantpay.schemas.topics.TopicSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A service refuses to start when its order topics are missing or not co-partitioned, saying which. */
class TopicLayoutCheckIT {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaConventionsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("registry.url=" + SharedInfrastructure.registryUrl(),
                    "spring.kafka.bootstrap-servers=" + SharedInfrastructure.bootstrapServers());

    @Test
    void orderTopicsWithDifferentPartitionCountsStopTheStartNamingThem() {
        String twelve = SharedInfrastructure.createUniqueTopic("payments.layout-a", 12);
        String three = SharedInfrastructure.createUniqueTopic("payments.layout-b", 3);

        service.withBean(TopicsInUse.class, () -> TopicsInUse.of(topic(twelve), topic(three)))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("not co-partitioned").hasMessageContaining(twelve).hasMessageContaining(three));
    }

    @Test
    void coPartitionedTopicsStart() {
        String first = SharedInfrastructure.createUniqueTopic("payments.layout-c", 12);
        String second = SharedInfrastructure.createUniqueTopic("payments.layout-d", 12);

        service.withBean(TopicsInUse.class, () -> TopicsInUse.of(topic(first), topic(second)))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aMissingTopicStopsTheStart() {
        service.withBean(TopicsInUse.class, () -> TopicsInUse.of(topic("payments.never-created.v1")))
                .run(context -> assertThat(context).getFailure().hasStackTraceContaining("does not exist"));
    }

    private static TopicSpec topic(String name) {
        return new TopicSpec(name, 1, Map.of(), List.of());
    }
}
