package com.merchantpay.gateway.events;

import com.merchantpay.gateway.problem.ApiProblem;
import com.merchantpay.gateway.problem.ProblemCode;
import com.merchantpay.schemas.tracing.KafkaObservations;
import com.merchantpay.schemas.tracing.TraceHeaders;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.nio.charset.StandardCharsets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes one event and completes only when the broker has acknowledged it (acks=all, idempotent
 * producer), so the gateway never answers for something Kafka does not hold.
 */
@Component
public class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final Duration ackTimeout;
    private final Timer acknowledged;
    private final ObservationRegistry observations;

    public EventPublisher(KafkaTemplate<String, SpecificRecord> kafka, EventsProperties properties, MeterRegistry meters,
                          ObservationRegistry observations) {
        this.kafka = kafka;
        this.observations = observations;
        this.ackTimeout = properties.ackTimeout();
        this.acknowledged = Timer.builder("gateway.events.publish")
                .description("From handing an event to the producer to the broker's acknowledgement (acks=all)")
                .publishPercentileHistogram().register(meters);
    }

    /**
     * Completes when acknowledged; fails with {@code EVENTS_UNAVAILABLE} otherwise. The write is a producer
     * span of the request's trace and the record carries its traceparent; {@code orderNo} (or {@code null}
     * for an event about no order) names the order on the span.
     */
    public Mono<Void> publish(String topic, String key, String orderNo, String traceId, SpecificRecord event) {
        ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(topic, key, event);
        record.headers().add(TraceHeaders.KAFKA_HEADER, traceId.getBytes(StandardCharsets.UTF_8));
        // send() may block on metadata or on the serializer's first registry lookup: keep it off the event loop.
        return Mono.deferContextual(context -> {
                    // The request's server observation, so the write is its child whatever thread sends it.
                    Observation request = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
                    Observation writing = KafkaObservations.sending(observations, record, orderNo, request);
                    Timer.Sample sending = Timer.start();
                    return Mono.fromFuture(() -> KafkaObservations.send(writing, () -> kafka.send(record)))
                            .doOnSuccess(sent -> sending.stop(acknowledged));
                })
                .subscribeOn(Schedulers.boundedElastic())
                // The ack completes on the producer's one I/O thread: what follows (the reply, the verdict
                // wait) moves off it, so that thread only moves records.
                .publishOn(Schedulers.parallel())
                .timeout(ackTimeout)
                .doOnError(failure -> log.error("Could not write {} for key {} to {}: {}",
                        event.getSchema().getName(), key, topic, failure.toString()))
                .onErrorMap(failure -> ApiProblem.retryAfter(ProblemCode.EVENTS_UNAVAILABLE,
                        "The request was not recorded; retry it", Duration.ofSeconds(1)))
                .then();
    }
}
