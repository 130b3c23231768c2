package com.merchantpay.order.checkout;

import com.merchantpay.events.alert.CheckoutDeadLettered;
import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.events.order.WxPaymentParameters;
import com.merchantpay.order.decision.OrderDecision;
import com.merchantpay.order.decision.RejectionReason;
import com.merchantpay.order.ledger.OrderLedger;
import com.merchantpay.useepay.autoconfigure.UseePayProperties;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.KafkaObservations;
import com.merchantpay.schemas.tracing.TraceHeaders;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import com.merchantpay.schemas.serde.EventSerializer;
import com.merchantpay.schemas.kafka.Acknowledged;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Writes a decision to {@code payments.orders.v1}: keyed by order number, on the partition number its
 * checkout came from (so the ledger of that partition sees it), with an event id that a repeat
 * reproduces. Completes once the broker acknowledged it (acks=all, idempotent producer), and only then
 * enters it in the ledger.
 */
public class OrderEventPublisher {

    private static final Logger log = LoggerFactory.getLogger(OrderEventPublisher.class);

    static final String CREATED = "OrderCreated";
    static final String REJECTED = "OrderRejected";

    private final Producer<String, byte[]> producer;
    private final EventSerializer events;
    private final OrderLedger ledger;
    private final DecisionMetrics metrics;
    private final String merchantNo;
    private final ObservationRegistry observations;

    OrderEventPublisher(Producer<String, byte[]> producer, EventSerializer events, OrderLedger ledger,
                        DecisionMetrics metrics, UseePayProperties useepay, ObservationRegistry observations) {
        this.producer = producer;
        this.events = events;
        this.ledger = ledger;
        this.metrics = metrics;
        this.merchantNo = useepay.merchantNo();
        this.observations = observations;
    }

    /** {@code parent}: the checkout's observation, so the write is a span of the checkout's trace. */
    public Mono<Void> publish(PartitionLeases.Lease lease, int partition, String traceId, String openId,
                              OrderDecision decision, Observation parent) {
        String topic = PaymentTopics.ORDERS.name();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition,
                decision.orderNo(), events.serialize(topic, event(traceId, openId, decision)));
        record.headers().add(TraceHeaders.KAFKA_HEADER, traceId.getBytes(StandardCharsets.UTF_8));
        long[] sentAt = new long[1];
        return Mono.fromFuture(() -> {
                    sentAt[0] = System.nanoTime();
                    return lease.whileHeld(() -> send(record, decision.orderNo(), parent));
                })
                .doOnSuccess(sent -> {
                    metrics.acknowledged(sentAt[0]);
                    ledger.record(partition, decision.orderNo());
                    metrics.published(decision);
                })
                .then();
    }

    /**
     * A checkout that will be dead-lettered still gets a final answer: {@code OrderRejected(CHECKOUT_FAILED)}
     * for the shopper and a {@code CheckoutDeadLettered} alert naming the order for an operator. Completes
     * empty even when these cannot be written (the dead letter still records the checkout).
     */
    public Mono<Void> publishGivenUp(PartitionLeases.Lease lease, int partition, CheckoutRequested checkout, Throwable failure,
                                     Observation parent) {
        String orderNo = checkout.getOrderNo();
        String reason = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        OrderDecision.Rejected rejected = new OrderDecision.Rejected(orderNo, RejectionReason.CHECKOUT_FAILED,
                "the checkout could not be completed; start a new one", null);
        String alerts = PaymentTopics.ALERTS.name();
        ProducerRecord<String, byte[]> alert = new ProducerRecord<>(alerts, partition, orderNo, events.serialize(alerts,
                CheckoutDeadLettered.newBuilder()
                        .setEventId(EventIds.deterministic(orderNo, "CheckoutDeadLettered"))
                        .setOccurredAt(Instant.now())
                        .setOrderNo(orderNo)
                        .setTraceId(checkout.getTraceId())
                        .setReason(reason.length() > 500 ? reason.substring(0, 500) : reason)
                        .setDeadLetterTopic(PaymentTopics.CHECKOUTS.deadLetterTopic())
                        .build()));
        alert.headers().add(TraceHeaders.KAFKA_HEADER, checkout.getTraceId().getBytes(StandardCharsets.UTF_8));
        Mono<Void> decision = ledger.isDecided(partition, orderNo) ? Mono.empty()
                : publish(lease, partition, checkout.getTraceId(), checkout.getOpenId(), rejected, parent);
        return decision.then(Mono.fromFuture(() -> lease.whileHeld(() -> send(alert, orderNo, parent))))
                .doOnSuccess(sent -> log.error("order {} given up and rejected (CHECKOUT_FAILED): {}", orderNo, reason))
                .onErrorResume(unwritten -> {
                    log.error("order {} given up, but its rejection could not be written: {}", orderNo, unwritten.toString());
                    return Mono.empty();
                })
                .then();
    }

    /** Waits until every send already started is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record, String orderNo, Observation parent) {
        return KafkaObservations.send(KafkaObservations.sending(observations, record, orderNo, parent),
                () -> Acknowledged.send(producer, record));
    }

    private SpecificRecord event(String traceId, String openId, OrderDecision decision) {
        Instant now = Instant.now();
        return switch (decision) {
            case OrderDecision.Created created -> OrderCreated.newBuilder()
                    .setEventId(EventIds.deterministic(created.orderNo(), CREATED))
                    .setOccurredAt(now)
                    .setOrderNo(created.orderNo())
                    .setTraceId(traceId)
                    .setOpenId(openId)
                    .setAmountMinor(created.amountMinor())
                    .setCurrency(created.currency())
                    .setSubject(created.subject())
                    .setMerchantNo(merchantNo)
                    .setPspReference(created.pspReference())
                    .setExpiresAt(created.expiresAt())
                    .setPayment(WxPaymentParameters.newBuilder()
                            .setTimeStamp(created.payment().timeStamp())
                            .setNonceStr(created.payment().nonceStr())
                            .setPrepayPackage(created.payment().packageValue())
                            .setSignType(created.payment().signType())
                            .setPaySign(created.payment().paySign())
                            .build())
                    .build();
            case OrderDecision.Rejected rejected -> OrderRejected.newBuilder()
                    .setEventId(EventIds.deterministic(rejected.orderNo(), REJECTED))
                    .setOccurredAt(now)
                    .setOrderNo(rejected.orderNo())
                    .setTraceId(traceId)
                    .setReasonCode(rejected.reason().name())
                    .setReasonMessage(rejected.detail())
                    .setPspErrorCode(rejected.pspErrorCode())
                    .build();
        };
    }
}
