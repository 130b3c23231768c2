package com.merchantpay.order.checkout;

import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.events.order.WxPaymentParameters;
import com.merchantpay.order.decision.OrderDecision;
import com.merchantpay.order.ledger.OrderLedger;
import com.merchantpay.order.psp.UseePayProperties;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes a decision to {@code payments.orders.v1}: keyed by order number, on the partition number its
 * checkout came from (so the ledger of that partition sees it), with an event id that a repeat
 * reproduces. Completes once the broker acknowledged it (acks=all, idempotent producer), and only then
 * enters it in the ledger.
 */
@Component
public class OrderEventPublisher {

    static final String CREATED = "OrderCreated";
    static final String REJECTED = "OrderRejected";

    private final KafkaTemplate<String, Object> kafka;
    private final OrderLedger ledger;
    private final DecisionMetrics metrics;
    private final String merchantNo;

    public OrderEventPublisher(KafkaTemplate<String, Object> kafka, OrderLedger ledger, DecisionMetrics metrics,
                               UseePayProperties useepay) {
        this.kafka = kafka;
        this.ledger = ledger;
        this.metrics = metrics;
        this.merchantNo = useepay.merchantNo();
    }

    public Mono<Void> publish(PartitionLeases.Lease lease, int partition, String traceId, String openId,
                              OrderDecision decision) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(PaymentTopics.ORDERS.name(), partition,
                decision.orderNo(), event(traceId, openId, decision));
        record.headers().add(TraceHeaders.KAFKA_HEADER, traceId.getBytes(StandardCharsets.UTF_8));
        return Mono.fromFuture(() -> lease.whileHeld(() -> kafka.send(record)))
                .doOnSuccess(sent -> {
                    ledger.record(partition, decision.orderNo());
                    metrics.published(decision);
                })
                .then();
    }

    /** Waits until every send already started is acknowledged or failed. */
    public void flush() {
        kafka.flush();
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
