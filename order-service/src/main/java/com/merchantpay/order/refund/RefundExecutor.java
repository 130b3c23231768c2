package com.merchantpay.order.refund;

import com.merchantpay.events.refund.RefundApproved;
import com.merchantpay.events.refund.RefundSubmitted;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.kafka.PollWatchdog;
import com.merchantpay.schemas.kafka.RecordAges;
import com.merchantpay.schemas.registry.RegistryUnavailableException;
import com.merchantpay.schemas.serde.EventDeserializer;
import com.merchantpay.schemas.serde.EventSerializer;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import com.merchantpay.useepay.refund.RefundResult;
import com.merchantpay.schemas.kafka.Acknowledged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Carries out the refunds notify-service's ledger approved ({@code RefundApproved} on
 * {@code payments.refunds.v1}): one at a time (refunds are rare and each is money leaving), each
 * asked of UseePay through {@link RefundCall} and answered with a {@code RefundSubmitted}. The
 * offset is committed only after the answer is durable, so a crash repeats the call, which the query
 * first makes harmless. The thread keeps polling (its partitions paused) while a refund is with
 * UseePay, so a slow UseePay never looks like a stuck consumer.
 */
final class RefundExecutor implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(RefundExecutor.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final String WATCHED_AS = "refunds";
    /** How long an unreadable-for-now record waits while the registry is away, before it is read again. */
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(1);
    /** First and longest pause between attempts at a refund whose outcome stayed unknown. */
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

    /** @param abandoned set when the partition is revoked: the next owner asks again, this one stops retrying */
    private record InFlight(ConsumerRecord<String, byte[]> record, CompletableFuture<Void> done, AtomicBoolean abandoned) {

        static InFlight finished(ConsumerRecord<String, byte[]> record) {
            return new InFlight(record, CompletableFuture.completedFuture(null), new AtomicBoolean());
        }
    }

    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final EventDeserializer events;
    private final EventSerializer writer;
    private final RefundCall call;
    private final Duration horizon;
    private final Duration deadline;
    private final Duration keepAsking;
    private final PollWatchdog watchdog;
    private final MeterRegistry meters;
    private final Deque<ConsumerRecord<String, byte[]>> backlog = new ArrayDeque<>();
    private volatile boolean running;
    private volatile boolean joined;
    /** Why the loop ended on its own, if it did: health says DOWN with it. */
    private volatile String stoppedBy;
    private long notBeforeNanos;
    private InFlight current;
    private Thread thread;
    private final RecordAges ages;

    RefundExecutor(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer, EventDeserializer events,
                   EventSerializer writer, RefundCall call, Duration horizon, Duration deadline, Duration keepAsking,
                   PollWatchdog watchdog, MeterRegistry meters) {
        this.consumer = consumer;
        this.producer = producer;
        this.events = events;
        this.writer = writer;
        this.call = call;
        this.horizon = horizon;
        this.deadline = deadline;
        this.keepAsking = keepAsking;
        this.watchdog = watchdog;
        this.meters = meters;
        this.ages = new RecordAges(meters, RefundConfiguration.GROUP, List.of(PaymentTopics.REFUNDS.name()));
    }

    @Override
    public void start() {
        running = true;
        watchdog.watch(WATCHED_AS, consumer::metrics);
        thread = Thread.ofPlatform().name("refund-executor").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(deadline.plusSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.unwatch(WATCHED_AS);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    @Override
    public Health health() {
        Health.Builder health = joined && running && stoppedBy == null ? Health.up() : Health.down();
        if (stoppedBy != null) {
            health.withDetail("stoppedBy", stoppedBy);
        }
        return health.withDetail("backlog", backlog.size()).build();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(PaymentTopics.REFUNDS.name()), new Rebalance());
            while (running) {
                finishCurrent();
                if (current == null && !backlog.isEmpty() && System.nanoTime() >= notBeforeNanos) {
                    startNext();
                }
                if (current != null || !backlog.isEmpty()) {
                    consumer.pause(consumer.assignment());
                } else {
                    consumer.resume(consumer.assignment());
                }
                try {
                    consumer.poll(POLL_TIMEOUT).forEach(backlog::addLast);
                } catch (org.apache.kafka.common.errors.WakeupException woken) {
                    // stop()
                }
            }
        } catch (RuntimeException e) {
            stoppedBy = e.toString();
            log.error("refund executor stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Starts the oldest queued refund. While the registry is away the record is neither skipped nor
     * dead-lettered (an approved refund must reach UseePay): it goes back to the head of the queue
     * and is read again a moment later.
     */
    private void startNext() {
        ConsumerRecord<String, byte[]> next = backlog.pollFirst();
        try {
            current = start(next);
            ages.taken(next.topic(), next.timestamp());
        } catch (RegistryUnavailableException unavailable) {
            backlog.addFirst(next);
            notBeforeNanos = System.nanoTime() + REGISTRY_RETRY.toNanos();
            log.warn("refund record {}-{}@{} waits for the schema registry: {}", next.topic(), next.partition(), next.offset(),
                    unavailable.getMessage());
        }
    }

    /** Commits past the refund in flight once its answer is durable. */
    private void finishCurrent() {
        if (current == null || !current.done().isDone()) {
            return;
        }
        ConsumerRecord<String, byte[]> record = current.record();
        boolean answered = !current.done().isCompletedExceptionally();
        current = null;
        if (!answered) {
            return; // stopping before the answer was durable: whoever reads it next asks UseePay again (query first)
        }
        consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)));
    }

    private InFlight start(ConsumerRecord<String, byte[]> record) {
        Object value;
        try {
            value = events.deserialize(record.topic(), record.value());
        } catch (SerializationException unreadable) {
            // Not ours to dead-letter: notify-service's ledger wrote it; what it means for money is its to say.
            log.error("unreadable record {}-{}@{} on the refunds topic skipped: {}", record.topic(), record.partition(),
                    record.offset(), unreadable.getMessage());
            return InFlight.finished(record);
        }
        if (!(value instanceof RefundApproved approved)) {
            return InFlight.finished(record); // the ledger's refusals, our own answers
        }
        if (Instant.ofEpochMilli(record.timestamp()).isBefore(Instant.now().minus(horizon))) {
            count("past_horizon");
            return InFlight.finished(record);
        }
        AtomicBoolean abandoned = new AtomicBoolean();
        CompletableFuture<Void> done = untilKnown(approved, System.nanoTime() + keepAsking.toNanos(), FIRST_PAUSE, abandoned)
                .thenCompose(result -> answer(approved, result));
        return new InFlight(record, done, abandoned);
    }

    /**
     * An unknown outcome is asked again with a growing pause (each attempt queries the refund's own
     * id first, so it never refunds twice) until UseePay answers or {@code keepAsking} runs out; only
     * then is UNKNOWN the answer, left to the reconciler. Without this a refund that neither the call
     * nor its query could settle would stay approved, its amount held, for ever.
     */
    private CompletableFuture<RefundResult> untilKnown(RefundApproved approved, long giveUpAtNanos, Duration pause,
                                                       AtomicBoolean abandoned) {
        return attempt(approved).thenCompose(result -> {
            if (!(result instanceof RefundResult.Unknown) || !running || abandoned.get()
                    || System.nanoTime() + pause.toNanos() > giveUpAtNanos) {
                return CompletableFuture.completedFuture(result);
            }
            count("unknown_asked_again");
            Duration next = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(again -> untilKnown(approved, giveUpAtNanos, next, abandoned));
        });
    }

    private CompletableFuture<RefundResult> attempt(RefundApproved approved) {
        return call.refund(approved)
                .timeout(deadline)
                .onErrorResume(failure -> Mono.just(new RefundResult.Unknown(failure.toString())))
                .toFuture();
    }

    /** Retries the answer until it is durable: the refund may be with UseePay, the ledger must hear of it. */
    private CompletableFuture<Void> answer(RefundApproved approved, RefundResult result) {
        RefundSubmitted submitted = submitted(approved, result);
        String topic = PaymentTopics.REFUNDS.name();
        CompletableFuture<Void> written;
        try {
            // Inside the retry: a registry outage while serialising is retried like a failed send.
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, approved.getOrderNo(), writer.serialize(topic, submitted));
            record.headers().add(TraceHeaders.KAFKA_HEADER, approved.getTraceId().getBytes(StandardCharsets.UTF_8));
            written = Acknowledged.send(producer, record).thenApply(metadata -> null);
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        return written.whenComplete((ignored, failure) -> {
            if (failure == null) {
                count(submitted.getAnswer().toLowerCase(java.util.Locale.ROOT));
                logAnswer(approved, submitted);
            }
        }).exceptionallyCompose(failure -> !running ? CompletableFuture.failedFuture(failure)
                : CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                        .thenCompose(again -> answer(approved, result)));
    }

    private static RefundSubmitted submitted(RefundApproved approved, RefundResult result) {
        String answer = switch (result) {
            case RefundResult.Accepted accepted -> "ACCEPTED";
            case RefundResult.Rejected rejected -> "REJECTED";
            case RefundResult.Unknown unknown -> "UNKNOWN";
        };
        RefundSubmitted.Builder submitted = RefundSubmitted.newBuilder()
                .setEventId(EventIds.deterministic(approved.getOrderNo(), "refund-submitted", approved.getRefundId(), answer))
                .setOccurredAt(Instant.now())
                .setOrderNo(approved.getOrderNo())
                .setTraceId(approved.getTraceId())
                .setRefundId(approved.getRefundId())
                .setAnswer(answer);
        switch (result) {
            case RefundResult.Accepted accepted -> submitted.setPspReference(accepted.reference());
            case RefundResult.Rejected rejected -> submitted.setErrorCode(rejected.errorCode()).setErrorMessage(rejected.errorMessage());
            case RefundResult.Unknown unknown -> submitted.setErrorMessage(unknown.cause());
        }
        return submitted.build();
    }

    private void logAnswer(RefundApproved approved, RefundSubmitted submitted) {
        try (MDC.MDCCloseable trace = MDC.putCloseable(TraceHeaders.MDC_KEY, approved.getTraceId())) {
            log.info("refund {} of order {} ({} {} minor): UseePay {}", approved.getRefundId(), approved.getOrderNo(),
                    approved.getCurrency(), approved.getAmountMinor(), submitted.getAnswer());
        }
    }

    private void count(String answer) {
        Counter.builder("order.refunds").tag("answer", answer)
                .description("approved refunds carried to UseePay, by its answer").register(meters).increment();
    }

    /** Runs inside poll, on the executor's thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            joined = true;
        }

        /** The refund in flight is finished first (bounded by its deadline); queued records go back to the next owner. */
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (current != null) {
                current.abandoned().set(true);
                try {
                    current.done().get(deadline.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                } catch (Exception unfinished) {
                    log.warn("refund in flight not answered before the revocation: the next owner asks UseePay again (query first)");
                }
                finishCurrent();
                current = null;
            }
            backlog.removeIf(record -> partitions.contains(new TopicPartition(record.topic(), record.partition())));
        }
    }
}
