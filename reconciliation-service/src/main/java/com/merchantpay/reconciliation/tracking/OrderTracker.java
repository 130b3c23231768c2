package com.merchantpay.reconciliation.tracking;

import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.outcome.OrderClosed;
import com.merchantpay.events.outcome.PaymentFailed;
import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.events.outcome.RefundRequired;
import com.merchantpay.events.psp.PspNotificationVerified;
import com.merchantpay.events.psp.PspStatusQueried;
import com.merchantpay.events.refund.RefundApproved;
import com.merchantpay.events.refund.RefundFailed;
import com.merchantpay.events.refund.RefundSubmitted;
import com.merchantpay.events.refund.RefundSucceeded;
import com.merchantpay.reconciliation.query.QueryJob;
import com.merchantpay.reconciliation.query.QueryReport;
import com.merchantpay.reconciliation.query.StragglerQueries;
import com.merchantpay.reconciliation.schedule.QueryTimeline;
import com.merchantpay.schemas.kafka.RecordAges;
import com.merchantpay.schemas.tracing.TraceHeaders;
import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.query.QueryResult;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The reconciler's state machine, one instance per partition (task). Reads orders, findings and
 * outcomes of its partition, keeps every open order in the store, and on a wall-clock tick hands
 * due queries to the {@link StragglerQueries} executor and turns their answers into findings.
 *
 * <pre>
 *  OrderCreated ─────────────▶ WAITING ──due──▶ QUERYING ──answer──▶ finding published, then
 *                                 ▲                │                   next point? WAITING
 *                                 └──no answer─────┘ (backoff)         none, final status seen? ENDED (HANDED_OVER)
 *                                                                      none, no final status?   ENDED (GAVE_UP, alert)
 *  PaymentSucceeded / PaymentFailed / RefundRequired ─▶ ENDED
 *  OrderClosed ─▶ ENDED once the expiry check was made, else only the expiry check is left
 *  a final status in any finding ─▶ only the expiry check is left
 * </pre>
 *
 * Answers are applied on the stream thread, inside the same exactly-once transaction as the
 * finding they publish and the state they change: a crash loses either both or neither. A query
 * whose answer was lost that way is still QUERYING under an older {@code incarnation} and is
 * simply asked again; the finding's id is deterministic, so the repeat changes nothing downstream.
 */
final class OrderTracker implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(OrderTracker.class);
    static final String QUERIES_SINK = "queries";
    static final String ALERTS_SINK = "alerts";
    /** Ended markers pruned per tick at most, so housekeeping never stalls the stream thread. */
    private static final int PRUNE_BUDGET = 500;

    private final TrackingSettings settings;
    private final QueryTimeline timeline;
    private final StragglerQueries queries;
    private final StragglerCensus census;
    private final Counter gaveUp;
    private final Counter pastHorizon;
    private final String incarnation = UUID.randomUUID().toString();
    private final Queue<QueryReport> mailbox = new ConcurrentLinkedQueue<>();
    private ProcessorContext<String, SpecificRecord> context;
    private TrackedOrders orders;
    private String task;
    private final Function<String, RecordAges> ages;
    private RecordAges inputAges;

    /**
     * @param ages the record-age meters of the application the task belongs to (known only once it runs)
     */
    OrderTracker(TrackingSettings settings, StragglerQueries queries, StragglerCensus census, Counter gaveUp,
                 Counter pastHorizon, Function<String, RecordAges> ages) {
        this.ages = ages;
        this.settings = settings;
        this.timeline = settings.timeline();
        this.queries = queries;
        this.census = census;
        this.gaveUp = gaveUp;
        this.pastHorizon = pastHorizon;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.orders = new TrackedOrders(context.getStateStore(TrackedOrders.ORDERS_STORE),
                context.getStateStore(TrackedOrders.AGENDA_STORE));
        this.task = context.taskId().toString();
        this.inputAges = ages.apply(context.applicationId());
        context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, millis -> tick(Instant.ofEpochMilli(millis)));
        context.schedule(settings.censusInterval(), PunctuationType.WALL_CLOCK_TIME,
                millis -> takeCensus(Instant.ofEpochMilli(millis)));
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        context.recordMetadata().ifPresent(source -> inputAges.taken(source.topic(), record.timestamp()));
        if (record.key() == null || record.key().isBlank()) {
            // Every order event is keyed by its order number; the shared StreamsDeadLetters sends this one to the DLT.
            throw new IllegalArgumentException("order event without an order-number key");
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (Instant.ofEpochMilli(record.timestamp()).isBefore(now.minus(settings.endedRetention()))) {
            // History (a replay of an old day): its order was forgotten and must not be asked about again.
            pastHorizon.increment();
            return;
        }
        switch (record.value()) {
            case OrderCreated created -> start(created, now);
            case PaymentSucceeded ignored -> end(record.key(), "PaymentSucceeded", now);
            case PaymentFailed ignored -> end(record.key(), "PaymentFailed", now);
            case RefundRequired ignored -> end(record.key(), "RefundRequired", now);
            case OrderClosed ignored -> closed(record.key(), now);
            case PspNotificationVerified notification when "pay".equals(notification.getTransactionType()) ->
                    statusSeen(record.key(), notification.getStatus());
            case PspNotificationVerified refund when "refund".equals(refund.getTransactionType()) ->
                    statusSeen(refund.getOrderNo(), refund.getStatus());
            case PspStatusQueried finding when "refund".equals(finding.getTransactionType()) ->
                    statusSeen(finding.getOrderNo(), finding.getStatus());
            case PspStatusQueried finding -> statusSeen(record.key(), finding.getStatus());
            case RefundApproved approved -> startRefund(approved);
            case RefundSubmitted submitted when "REJECTED".equals(submitted.getAnswer()) ->
                    end(submitted.getRefundId(), "RefundRejected", now);
            case RefundSucceeded refunded -> end(refunded.getRefundId(), "RefundSucceeded", now);
            case RefundFailed failed -> end(failed.getRefundId(), "RefundFailed", now);
            case null, default -> {
                // OrderRejected is never tracked; refund notifications and unknown types do not concern us.
            }
        }
    }

    private void start(OrderCreated created, Instant now) {
        if (orders.get(created.getOrderNo()) != null) {
            return; // a repeat, a replay, or an order that already ended
        }
        Instant expiresAt = settings.useePayExpiry(created.getOccurredAt(), created.getExpiresAt());
        Instant first = timeline.nextQuery(created.getOccurredAt(), expiresAt, null, false).orElseThrow();
        orders.replace(null, TrackedOrder.waiting(created.getOrderNo(), created.getTraceId(),
                created.getOccurredAt(), expiresAt, first));
    }

    /**
     * A refund is asked about like an order, on UseePay's resend timeline, until its outcome comes or
     * the settle window has passed; tracked under its own id, published under its order's.
     */
    private void startRefund(RefundApproved approved) {
        if (orders.get(approved.getRefundId()) != null) {
            return;
        }
        Instant approvedAt = approved.getOccurredAt();
        Instant settleBy = approvedAt.plus(settings.refundSettleWindow());
        Instant first = timeline.nextQuery(approvedAt, settleBy, null, false).orElseThrow();
        orders.replace(null, TrackedOrder.refund(approved.getRefundId(), approved.getOrderNo(), approved.getTraceId(),
                approvedAt, settleBy, first));
    }

    private void end(String orderNo, String endedBy, Instant now) {
        TrackedOrder order = orders.get(orderNo);
        Instant forgetAt = now.plus(settings.endedRetention());
        if (order == null) {
            orders.replace(null, TrackedOrder.endedMarker(orderNo, endedBy, forgetAt));
        } else if (order.isOpen()) {
            orders.replace(order, order.ended(endedBy, forgetAt));
        }
    }

    /** A payment can still race the expiry (contract): closed ends the order only after the expiry check. */
    private void closed(String orderNo, Instant now) {
        TrackedOrder order = orders.get(orderNo);
        if (order == null || !order.isOpen() || expiryCheckDone(order)) {
            end(orderNo, "OrderClosed", now);
        } else {
            statusSeen(orderNo, PspOrderStatus.CLOSED.wireValue());
        }
    }

    private void statusSeen(String orderNo, String status) {
        TrackedOrder order = orders.get(orderNo);
        if (order == null || !order.isOpen()) {
            return;
        }
        TrackedOrder seen = order.statusSeen(status, PspOrderStatus.fromWire(status).isFinal());
        if (seen.phase() == TrackedOrder.Phase.WAITING && seen.finalStatusSeen() && !order.finalStatusSeen()) {
            // Nothing left to learn before the expiry check, which catches a payment racing the close.
            seen = seen.waitUntil(timeline.expiryCheck(seen.expiresAt()));
        }
        orders.replace(order, seen);
    }

    private void tick(Instant now) {
        for (QueryReport report = mailbox.poll(); report != null; report = mailbox.poll()) {
            apply(report, now);
        }
        int slots = queries.freeSlots();
        List<TrackedOrder> due = orders.due(now, slots + PRUNE_BUDGET, this::isOurQueryInFlight);
        List<TrackedOrder> toAsk = new ArrayList<>();
        for (TrackedOrder order : due) {
            if (!order.isOpen()) {
                orders.forget(order);
            } else if (toAsk.size() < slots) {
                toAsk.add(order);
            }
        }
        toAsk.forEach(order -> handOut(order, now));
    }

    private boolean isOurQueryInFlight(TrackedOrder order) {
        return order.phase() == TrackedOrder.Phase.QUERYING && incarnation.equals(order.incarnation());
    }

    /** WAITING and due, or QUERYING under an older incarnation (its answer was lost): ask (again). */
    private void handOut(TrackedOrder order, Instant now) {
        if (queries.submit(new QueryJob(order.orderNo(), order.isRefund(), order.traceId(), order.nextAttempt(), mailbox::add))) {
            orders.replace(order, order.querying(incarnation, now));
        }
    }

    private void apply(QueryReport report, Instant now) {
        TrackedOrder order = orders.get(report.orderNo());
        if (order == null || !isOurQueryInFlight(order) || report.attempt() != order.nextAttempt()) {
            return; // the order ended meanwhile: the answer no longer matters
        }
        switch (report.result()) {
            case QueryResult.Found found -> {
                publish(ReconciliationEvents.finding(order, report.attempt(), found, report.answeredAt()), order);
                answered(order, order.answered(found.statusWireValue(), found.status().isFinal(), report.answeredAt()), now);
            }
            case QueryResult.NotFound notFound -> {
                publish(ReconciliationEvents.notFound(order, report.attempt(), notFound, report.answeredAt()), order);
                answered(order, order.answered(ReconciliationEvents.NOT_FOUND, false, report.answeredAt()), now);
            }
            case QueryResult.Unknown unknown -> unanswered(order, unknown.cause(), now);
        }
    }

    private void answered(TrackedOrder order, TrackedOrder answered, Instant now) {
        // A refund has no expiry to race: once UseePay says how it ended, the ledger has what it needs.
        Optional<Instant> next = answered.isRefund() && answered.finalStatusSeen() ? Optional.empty()
                : timeline.nextQuery(answered.createdAt(), answered.expiresAt(), answered.lastQueryAt(), answered.finalStatusSeen());
        if (next.isPresent()) {
            orders.replace(order, answered.waitUntil(next.get()));
        } else if (answered.finalStatusSeen()) {
            orders.replace(order, answered.ended("HANDED_OVER", now.plus(settings.endedRetention())));
        } else {
            giveUp(order, answered, now);
        }
    }

    private void unanswered(TrackedOrder order, String cause, Instant now) {
        TrackedOrder retry = order.unansweredOnceMore();
        log.debug("query of {} (attempt {}) got no answer: {}", order.orderNo(), order.nextAttempt(), cause);
        if (now.isBefore(timeline.unansweredGiveUpAt(order.expiresAt()))) {
            orders.replace(order, retry.waitUntil(now.plus(timeline.backoff(retry.unanswered()))));
        } else {
            giveUp(order, retry, now);
        }
    }

    private void giveUp(TrackedOrder before, TrackedOrder order, Instant now) {
        publish(ReconciliationEvents.gaveUp(order, now), order);
        gaveUp.increment();
        try (MDC.MDCCloseable trace = MDC.putCloseable(TraceHeaders.MDC_KEY, order.traceId())) {
            log.warn("gave up on order {}: last status {}, {} queries answered",
                    order.orderNo(), order.lastStatus(), order.attemptsMade());
        }
        orders.replace(before, order.ended("GAVE_UP", now.plus(settings.endedRetention())));
    }

    private void publish(SpecificRecord event, TrackedOrder order) {
        RecordHeaders headers = new RecordHeaders();
        if (order.traceId() != null) {
            headers.add(TraceHeaders.KAFKA_HEADER, order.traceId().getBytes(StandardCharsets.UTF_8));
        }
        String sink = event instanceof PspStatusQueried ? QUERIES_SINK : ALERTS_SINK;
        context.forward(new Record<>(order.key(), event, context.currentSystemTimeMs(), headers), sink);
    }

    private boolean expiryCheckDone(TrackedOrder order) {
        return order.lastQueryAt() != null && !order.lastQueryAt().isBefore(timeline.expiryCheck(order.expiresAt()));
    }

    private void takeCensus(Instant now) {
        List<TrackedOrder> open = new ArrayList<>();
        orders.forEach(order -> {
            if (order.isOpen()) {
                open.add(order);
            }
        });
        census.file(task, StragglerCensus.count(open, now, timeline.grace()));
    }

    @Override
    public void close() {
        census.withdraw(task);
    }
}
