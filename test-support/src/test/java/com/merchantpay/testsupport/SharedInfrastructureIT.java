package com.merchantpay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.topics.TopicSpec;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class SharedInfrastructureIT {

    @Test
    void providesThePaymentTopicsAndPerTestTopics() throws Exception {
        SharedInfrastructure.provisionPaymentTopics();
        SharedInfrastructure.provisionPaymentTopics();
        String own = SharedInfrastructure.createUniqueTopic("shared-infra", 2);

        try (Admin admin = Admin.create(SharedInfrastructure.kafkaClientProperties())) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).contains(own)
                    .containsAll(PaymentTopics.all().stream().map(TopicSpec::name).toList());
            assertThat(admin.describeTopics(Set.of(own)).allTopicNames().get().get(own).partitions()).hasSize(2);
        }
    }

    @Test
    void givesSpringTheBrokerAndTheRegistry() {
        Map<String, Object> properties = SharedInfrastructure.springProperties();

        assertThat(properties)
                .containsEntry("spring.kafka.bootstrap-servers", SharedInfrastructure.bootstrapServers())
                .containsEntry("registry.url", SharedInfrastructure.registryUrl());
        assertThat(SharedInfrastructure.uniqueGroupId("g")).isNotEqualTo(SharedInfrastructure.uniqueGroupId("g"));
    }
}
