package com.merchantpay.order.checkout;

import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.events.order.WxPaymentParameters;
import com.merchantpay.order.decision.OrderDecision;
import com.merchantpay.order.ledger.OrderLedger;
import com.merchantpay.useepay.autoconfigure.UseePayProperties;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import com.merchantpay.schemas.serde.EventSerializer;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import reactor.core.publisher.Mono;

/**
 * Writes a decision to {@code payments.orders.v1}: keyed by order number, on the partition number its
 * checkout came from (so the ledger of that partition sees it), with an event id that a repeat
 * reproduces. Completes once the broker acknowledged it (acks=all, idempotent producer), and only then
 * enters it in the ledger.
 */
public class OrderEventPublisher {

    static final String CREATED = "OrderCreated";
    static final String REJECTED = "OrderRejected";

    private final Producer<String, byte[]> producer;
    private final EventSerializer events;
    private final OrderLedger ledger;
    private final DecisionMetrics metrics;
    private final String merchantNo;

    OrderEventPublisher(Producer<String, byte[]> producer, EventSerializer events, OrderLedger ledger,
                        DecisionMetrics metrics, UseePayProperties useepay) {
        this.producer = producer;
        this.events = events;
        this.ledger = ledger;
        this.metrics = metrics;
        this.merchantNo = useepay.merchantNo();
    }

    public Mono<Void> publish(PartitionLeases.Lease lease, int partition, String traceId, String openId,
                              OrderDecision decision) {
        String topic = PaymentTopics.ORDERS.name();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition,
                decision.orderNo(), events.serialize(topic, event(traceId, openId, decision)));
        record.headers().add(TraceHeaders.KAFKA_HEADER, traceId.getBytes(StandardCharsets.UTF_8));
        return Mono.fromFuture(() -> lease.whileHeld(() -> send(record)))
                .doOnSuccess(sent -> {
                    ledger.record(partition, decision.orderNo());
                    metrics.published(decision);
                })
                .then();
    }

    /** Waits until every send already started is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                acknowledged.complete(metadata);
            } else {
                acknowledged.completeExceptionally(error);
            }
        });
        return acknowledged;
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
