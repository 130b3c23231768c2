package com.merchantpay.gateway.events;

import com.merchantpay.schemas.topics.PaymentTopics;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Ready only while the producer can see the checkout topic's partitions: without them a checkout
 * could not be recorded, so the load balancer should send the Mini Program elsewhere.
 */
@Component
class KafkaProducerHealthIndicator implements ReactiveHealthIndicator {

    private final KafkaTemplate<String, SpecificRecord> kafka;

    KafkaProducerHealthIndicator(KafkaTemplate<String, SpecificRecord> kafka) {
        this.kafka = kafka;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromCallable(() -> kafka.partitionsFor(PaymentTopics.CHECKOUTS.name()).size())
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(Duration.ofSeconds(3))
                .map(partitions -> Health.up().withDetail("checkoutPartitions", partitions).build())
                .onErrorResume(failure -> Mono.just(Health.down().withDetail("error", String.valueOf(failure)).build()));
    }
}
