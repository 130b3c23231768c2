package com.merchantpay.schemas.tracing;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Observations (and so, through Micrometer Tracing, spans) for the records our plain Kafka clients
 * write and read. spring-kafka observes only its own template and listeners; most of our producers and
 * consumers are raw clients, so they carry the W3C trace context here: a sending observation writes
 * {@value #TRACEPARENT} into the record's headers when it starts, a receiving one continues the trace
 * that header names. The propagation itself is Micrometer Tracing's (its sender/receiver handlers and
 * the configured propagator); this class only says where the carrier is.
 *
 * <p>With no tracing handler registered (tests of a library, the ops tool) the observations are plain
 * timers or no-ops and no header is written.
 */
public final class KafkaObservations {

    /** W3C trace context header, on records as on HTTP calls. */
    public static final String TRACEPARENT = "traceparent";
    /** Span attribute naming the order a span worked on; order numbers are not secret. */
    public static final String ORDER_NUMBER = "order.number";

    private static final String SEND = "merchantpay.kafka.send";
    private static final String PROCESS = "merchantpay.kafka.process";

    private KafkaObservations() {
    }

    /**
     * Not started: {@link #send} starts it (and so writes the trace context into {@code record}'s
     * headers). Its parent is {@code parent} when given, else the observation current on this thread.
     */
    public static Observation sending(ObservationRegistry registry, ProducerRecord<?, ?> record, String orderNo,
                                      Observation parent) {
        String topic = record.topic();
        SenderContext<Headers> context = new SenderContext<>(KafkaObservations::replace, Kind.PRODUCER);
        context.setCarrier(record.headers());
        context.setRemoteServiceName("kafka");
        Observation observation = Observation.createNotStarted(SEND, () -> context, registry)
                .contextualName(topic + " send")
                .lowCardinalityKeyValue(KeyValue.of("messaging.destination.name", topic));
        if (parent != null) {
            observation.parentObservation(parent);
        }
        return withOrder(observation, orderNo);
    }

    /**
     * Not started: the work done on one record, as a child of the trace its {@value #TRACEPARENT} header
     * names (a new trace when it has none, e.g. a record written before tracing or by a tool).
     */
    public static Observation processing(ObservationRegistry registry, ConsumerRecord<?, ?> record, String orderNo) {
        String topic = record.topic();
        ReceiverContext<Headers> context = new ReceiverContext<>(KafkaObservations::read, Kind.CONSUMER);
        context.setCarrier(record.headers());
        context.setRemoteServiceName("kafka");
        Observation observation = Observation.createNotStarted(PROCESS, () -> context, registry)
                .contextualName(topic + " process")
                .lowCardinalityKeyValue(KeyValue.of("messaging.destination.name", topic));
        return withOrder(observation, orderNo);
    }

    /**
     * Starts {@code observation}, calls {@code send} inside its scope and stops it when the send
     * completes (an error when it failed), so the span lasts until the broker's acknowledgement.
     */
    public static <T> CompletableFuture<T> send(Observation observation, Supplier<CompletableFuture<T>> send) {
        observation.start();
        CompletableFuture<T> sent;
        try (Observation.Scope scope = observation.openScope()) {
            sent = send.get();
        } catch (RuntimeException e) {
            observation.error(e);
            observation.stop();
            throw e;
        }
        return sent.whenComplete((ignored, failure) -> {
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
        });
    }

    /**
     * Writes {@code parent}'s own span context into {@code headers} as {@value #TRACEPARENT}, with no span
     * of the write: a reader continues the trace as a child of {@code parent}. For a hot path whose parent
     * span already lasts until the write is acknowledged (notify-service answers only then), where a
     * producer span per record would cost more than it tells. Writes nothing without a span to carry.
     */
    public static void carry(Propagator propagator, Observation parent, Headers headers) {
        TracingObservationHandler.TracingContext tracing = parent == null ? null
                : parent.getContextView().get(TracingObservationHandler.TracingContext.class);
        Span span = tracing == null ? null : tracing.getSpan();
        if (span != null) {
            propagator.inject(span.context(), headers, KafkaObservations::replace);
        }
    }

    private static Observation withOrder(Observation observation, String orderNo) {
        return orderNo == null ? observation : observation.highCardinalityKeyValue(KeyValue.of(ORDER_NUMBER, orderNo));
    }

    /** A retried send of the same record carries the context of its latest attempt, never two. */
    private static void replace(Headers headers, String key, String value) {
        if (headers == null) {
            return;
        }
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(Headers headers, String key) {
        Header header = headers == null ? null : headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
