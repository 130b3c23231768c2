package com.merchantpay.notify.outcome;

import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.outcome.RefundRequired;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.events.psp.PspNotificationVerified;
import com.merchantpay.events.psp.PspStatusQueried;
import com.merchantpay.events.refund.RefundApproved;
import com.merchantpay.events.refund.RefundRefused;
import com.merchantpay.events.refund.RefundRequested;
import com.merchantpay.events.refund.RefundSubmitted;
import com.merchantpay.events.refund.RefundSucceeded;
import com.merchantpay.schemas.kafka.RecordAges;
import com.merchantpay.schemas.tracing.KafkaObservations;
import com.merchantpay.schemas.tracing.TraceHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reads an order's inputs (orders and PSP findings, co-partitioned by order number), runs the
 * {@link SettlementMachine} against the order's stored settlement, and forwards what it decides.
 * Store write, output and input offset commit are one Kafka transaction (exactly-once v2).
 */
final class OutcomeProcessor implements Processor<String, Object, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(OutcomeProcessor.class);

    static final String SETTLEMENTS = "order-settlements";
    /** Order number → since when its oldest un-alerted finding waits for OrderCreated: the punctuator's short list. */
    static final String AWAITING_ORDER = "findings-awaiting-order";
    /** {@code <settled at, 13 digits>|<order number>}: settled orders in the order they are to be forgotten. */
    static final String SETTLED_AT = "settled-orders-by-time";
    /** Order number → when its RefundRequired was published, until all the money it took has gone back. */
    static final String REQUIRED_REFUNDS = "required-refunds-open";

    private final Duration findingWait;
    private final Duration waitCheckInterval;
    private final Duration retention;
    private final OutcomeMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, OrderSettlement> settlements;
    private KeyValueStore<String, Long> awaitingOrder;
    private KeyValueStore<String, String> settledAt;
    private KeyValueStore<String, Long> requiredRefunds;
    private RecordAges inputAges;
    private String task;
    /** The trace context of the input record being processed; none while a punctuation runs. */
    private Header inputTrace;

    /**
     * @param retention how long a settled order is remembered; inputs older than this are history
     *                  and skipped, so a replay cannot bring a forgotten order back to a second outcome
     */
    OutcomeProcessor(Duration findingWait, Duration waitCheckInterval, Duration retention, OutcomeMetrics metrics) {
        this.findingWait = findingWait;
        this.waitCheckInterval = waitCheckInterval;
        this.retention = retention;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.settlements = context.getStateStore(SETTLEMENTS);
        this.awaitingOrder = context.getStateStore(AWAITING_ORDER);
        this.settledAt = context.getStateStore(SETTLED_AT);
        this.requiredRefunds = context.getStateStore(REQUIRED_REFUNDS);
        this.inputAges = metrics.inputAges(context.applicationId(), OutcomeTopology.INPUT_TOPICS);
        this.task = context.taskId().toString();
        // Wall-clock time: a finding must be alerted about even when no other record arrives.
        context.schedule(waitCheckInterval, PunctuationType.WALL_CLOCK_TIME, this::alertLongWaits);
        context.schedule(waitCheckInterval, PunctuationType.WALL_CLOCK_TIME, this::forgetSettled);
        context.schedule(waitCheckInterval, PunctuationType.WALL_CLOCK_TIME, this::reportOpenRequiredRefunds);
    }

    @Override
    public void close() {
        // The task's partitions may move to another instance: it reports them from now on, not this one.
        metrics.openRequiredRefunds().forget(task);
    }

    @Override
    public void process(Record<String, Object> record) {
        context.recordMetadata().ifPresent(source -> inputAges.taken(source.topic(), record.timestamp()));
        String orderNo = record.key();
        if (orderNo == null || orderNo.isEmpty()) {
            metrics.skipped("no-key");
            return;
        }
        long now = context.currentSystemTimeMs();
        if (record.timestamp() < now - retention.toMillis()) {
            // History: the order it belongs to may have been forgotten; it must not be decided again.
            metrics.skipped("past-retention");
            return;
        }
        // Every record it emits carries the input's traceparent (the notification's, the order's) on to
        // subscribers. No span of its own: a span per input and per emission cost ~40 % of this thread's CPU;
        // a freshly started processor fell seconds behind at 1,000 notifications/s with it (docs/benchmarks.md).
        inputTrace = record.headers().lastHeader(KafkaObservations.TRACEPARENT);
        try {
            decide(orderNo, record, now);
        } finally {
            inputTrace = null;
        }
    }

    private void decide(String orderNo, Record<String, Object> record, long now) {
        OrderSettlement current = settlementOf(orderNo);
        SettlementMachine.Step step = switch (record.value()) {
            case OrderCreated order -> SettlementMachine.onOrderCreated(orderNo, current, order);
            case OrderRejected ignored -> SettlementMachine.onOrderRejected(orderNo, current);
            case PspNotificationVerified notification -> {
                metrics.findingAge("notification", record.timestamp());
                yield SettlementMachine.onFinding(orderNo, current, Finding.of(notification), now);
            }
            case PspStatusQueried query -> {
                metrics.findingAge("query", record.timestamp());
                yield SettlementMachine.onFinding(orderNo, current, Finding.of(query), now);
            }
            case RefundRequested request -> RefundLedger.onRequested(orderNo, current, request);
            case RefundSubmitted submitted -> RefundLedger.onSubmitted(orderNo, current, submitted);
            // Its own decisions, read back from the refunds topic it shares with order-service.
            case RefundApproved ignored -> SettlementMachine.Step.of(current);
            case RefundRefused ignored -> SettlementMachine.Step.of(current);
            case null, default -> null;
        };
        if (step == null) {
            metrics.skipped("unknown-event-type");
            return;
        }
        apply(orderNo, current, step, record.timestamp());
    }

    private void alertLongWaits(long now) {
        List<KeyValue<String, Long>> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> waiting = awaitingOrder.all()) {
            waiting.forEachRemaining(entry -> {
                if (now - entry.value >= findingWait.toMillis()) {
                    due.add(entry);
                }
            });
        }
        for (KeyValue<String, Long> entry : due) {
            SettlementMachine.Step step =
                    SettlementMachine.onWaitChecked(entry.key, settlementOf(entry.key), now, findingWait.toMillis());
            apply(entry.key, settlementOf(entry.key), step, now);
        }
    }

    /** Drops orders settled longer than the retention ago: the range scan covers only those due. */
    private void forgetSettled(long now) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> settled = settledAt.range("0", settledKey(now - retention.toMillis(), "\uffff"))) {
            settled.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> entry : due) {
            settlements.delete(entry.value);
            awaitingOrder.delete(entry.value);
            settledAt.delete(entry.key);
        }
        if (!due.isEmpty()) {
            metrics.forgotten(due.size());
        }
    }

    /** The store holds only open ones, a handful: reading it whole each check costs next to nothing. */
    private void reportOpenRequiredRefunds(long now) {
        long count = 0;
        long oldest = Long.MAX_VALUE;
        try (KeyValueIterator<String, Long> open = requiredRefunds.all()) {
            while (open.hasNext()) {
                count++;
                oldest = Math.min(oldest, open.next().value);
            }
        }
        metrics.openRequiredRefunds().report(task, count, oldest);
    }

    /** Zero-padded so that the string order is the time order (String.format cost 6 % of the thread). */
    private static String settledKey(long settledAtMillis, String orderNo) {
        String millis = Long.toString(settledAtMillis);
        return "0".repeat(Math.max(0, 13 - millis.length())) + millis + "|" + orderNo;
    }

    private OrderSettlement settlementOf(String orderNo) {
        OrderSettlement stored = settlements.get(orderNo);
        return stored != null ? stored : OrderSettlement.unknownOrder();
    }

    private void apply(String orderNo, OrderSettlement before, SettlementMachine.Step step, long timestamp) {
        OrderSettlement next = step.next();
        settlements.put(orderNo, next);
        if (next.phase().settled() && !before.phase().settled()) {
            settledAt.put(settledKey(context.currentSystemTimeMs(), orderNo), orderNo);
        }
        OptionalLong waitingBefore = before.oldestUnalertedSince();
        OptionalLong waitingNow = next.oldestUnalertedSince();
        // Touch the short list only when it changes: every write is also a changelog record.
        if (!waitingNow.equals(waitingBefore)) {
            if (waitingNow.isPresent()) {
                awaitingOrder.put(orderNo, waitingNow.getAsLong());
            } else {
                awaitingOrder.delete(orderNo);
            }
        }
        for (Emission emission : step.emissions()) {
            forward(orderNo, emission, timestamp);
            trackRequiredRefund(orderNo, next, emission);
        }
    }

    /** Open from RefundRequired until refunds that succeeded add up to what the order took. */
    private void trackRequiredRefund(String orderNo, OrderSettlement next, Emission emission) {
        if (emission.event() instanceof RefundRequired) {
            requiredRefunds.put(orderNo, context.currentSystemTimeMs());
        } else if (emission.event() instanceof RefundSucceeded && next.book().refundedMinor() >= next.book().takenMinor()
                && requiredRefunds.get(orderNo) != null) {
            requiredRefunds.delete(orderNo);
        }
    }

    private void forward(String orderNo, Emission emission, long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        Object traceId = emission.event().get(emission.event().getSchema().getField("traceId").pos());
        headers.add(TraceHeaders.KAFKA_HEADER, String.valueOf(traceId).getBytes(StandardCharsets.UTF_8));
        String child = switch (emission.channel()) {
            case OUTCOME -> OutcomeTopology.OUTCOMES_SINK;
            case ALERT -> OutcomeTopology.ALERTS_SINK;
            case REFUND -> OutcomeTopology.REFUNDS_SINK;
            case REFUND_REQUEST -> OutcomeTopology.REFUND_REQUESTS_SINK;
        };
        // A punctuation's emission (an alert about a finding left waiting) belongs to no one request's trace.
        if (inputTrace != null) {
            headers.add(inputTrace);
        }
        context.forward(new Record<>(orderNo, emission.event(), timestamp, headers), child);
        metrics.published(emission);
        try (MDC.MDCCloseable trace = MDC.putCloseable(TraceHeaders.MDC_KEY, String.valueOf(traceId))) {
            log.info("order {}: {} {}", orderNo, emission.channel().name().toLowerCase(java.util.Locale.ROOT),
                    emission.event().getSchema().getName());
        }
    }
}
