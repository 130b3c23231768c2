package com.merchantpay.order.checkout;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.order.ledger.HorizonOffsets;
import com.merchantpay.order.ledger.LedgerLoader;
import com.merchantpay.order.ledger.OrderLedger;
import com.merchantpay.schemas.kafka.PollWatchdog;
import com.merchantpay.schemas.kafka.RecordAges;
import com.merchantpay.schemas.registry.RegistryUnavailableException;
import com.merchantpay.schemas.serde.EventDeserializer;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.KafkaObservations;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Takes checkouts off {@code payments.checkouts.v1} without waiting in waves: one thread polls all
 * the time and starts each checkout the moment it arrives; the work runs asynchronously (one order
 * number at a time, {@link OrderGuard}); up to {@code maxInFlight} checkouts are in flight and only at
 * that bound does the consumer pause. Offsets are committed asynchronously up to the first
 * unfinished checkout of each partition ({@link OffsetWindow}), and synchronously when a partition
 * is revoked, after its work has drained. A crash redelivers at most the unfinished window, which
 * the ledger turns into skips.
 *
 * <p>A record is dead-lettered only for reasons that are its own (unreadable, not a checkout, the
 * workflow failed it). A record whose schema the registry did not hand out in time is fine: its
 * partition waits {@code registryRetry} and reads it again. The poll thread never waits on anything
 * unbounded; the {@link PollWatchdog} reports it if it ever does.
 */
final class CheckoutConsumer implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CheckoutConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final String TOPIC = PaymentTopics.CHECKOUTS.name();

    /** Work of one checkout is over; reported by whatever thread finished it. */
    private record Finished(PartitionLeases.Lease lease, int partition, long offset) {
    }

    private final Consumer<String, byte[]> consumer;
    private final EventDeserializer events;
    private final CheckoutWorkflow workflow;
    private final CheckoutDeadLetters deadLetters;
    private final LedgerLoader ledgerLoader;
    private final OrderLedger ledger;
    private final OrderGuard guard;
    private final PartitionLeases leases;
    private final OrderEventPublisher publisher;
    private final CheckoutProperties properties;
    private final PollWatchdog watchdog;
    private final ObservationRegistry observations;
    private final Timer recordAge;
    private final RecordAges ages;

    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final Map<Integer, OffsetWindow> windows = new HashMap<>();
    private final Map<Integer, Long> waitingForRegistryUntil = new HashMap<>();
    private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean atBound;
    private volatile boolean joined;
    /** Why the poll loop ended on its own, if it did: health says DOWN with it, so the instance is replaced. */
    private volatile String stoppedBy;
    private Thread thread;
    private long lastCommitNanos = System.nanoTime();

    CheckoutConsumer(Consumer<String, byte[]> consumer, EventDeserializer events, CheckoutWorkflow workflow,
                     CheckoutDeadLetters deadLetters, LedgerLoader ledgerLoader, OrderLedger ledger, OrderGuard guard,
                     PartitionLeases leases, OrderEventPublisher publisher, CheckoutProperties properties,
                     PollWatchdog watchdog, RecordAges ages, MeterRegistry meters, ObservationRegistry observations) {
        this.consumer = consumer;
        this.ages = ages;
        this.events = events;
        this.workflow = workflow;
        this.deadLetters = deadLetters;
        this.ledgerLoader = ledgerLoader;
        this.ledger = ledger;
        this.guard = guard;
        this.leases = leases;
        this.publisher = publisher;
        this.properties = properties;
        this.watchdog = watchdog;
        this.observations = observations;
        this.recordAge = Timer.builder("order.checkout.record_age")
                .description("from the checkout's write to the broker to order-service starting it: the queueing hop")
                .publishPercentileHistogram().register(meters);
        Gauge.builder("order.checkouts.in_flight", inFlight, AtomicInteger::get)
                .description("checkouts started and not finished").register(meters);
        Gauge.builder("order.checkouts.paused", this, self -> self.atBound ? 1 : 0)
                .description("1 while the consumer is paused at the in-flight bound").register(meters);
    }

    @Override
    public void start() {
        running = true;
        watchdog.watch("checkouts", consumer::metrics);
        thread = Thread.ofPlatform().name("checkout-consumer").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(properties.drainTimeout().plusSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.unwatch("checkouts");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Ready once the consumer has joined its group and loaded the ledger of what it was given (an
     * instance beyond the partition count may rightly be given nothing).
     */
    @Override
    public Health health() {
        Health.Builder health = joined && running && stoppedBy == null ? Health.up() : Health.down();
        if (stoppedBy != null) {
            health.withDetail("stoppedBy", stoppedBy);
        }
        return health.withDetail("inFlight", inFlight.get()).withDetail("pausedAtBound", atBound).build();
    }

    /** After the producer and the UseePay client are up; stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(TOPIC), new Rebalance());
            while (running) {
                applyFinished();
                pauseOrResume();
                commitIfDue();
                try {
                    startWithinTheBound(consumer.poll(POLL_TIMEOUT));
                } catch (WakeupException woken) {
                    // stop(), or room under the bound again: go round
                }
            }
            applyFinished();
            commitNow(committable(consumer.assignment()));
        } catch (RuntimeException e) {
            stoppedBy = e.toString();
            log.error("checkout consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Starts what the poll returned as long as there is room; at the bound the rest of each partition
     * is put back (a seek to its first record not started), to be fetched again once there is room.
     */
    private void startWithinTheBound(ConsumerRecords<String, byte[]> records) {
        Set<Integer> putBack = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (putBack.contains(record.partition()) || waitingForRegistryUntil.containsKey(record.partition())) {
                continue; // an earlier record of this partition is to be read again first
            }
            if (inFlight.get() >= properties.maxInFlight()) {
                consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
                putBack.add(record.partition());
                atBound = true;
                continue;
            }
            start(record);
        }
    }

    private void start(ConsumerRecord<String, byte[]> record) {
        Object value;
        try {
            value = events.deserialize(record.topic(), record.value());
        } catch (RegistryUnavailableException e) {
            waitForRegistry(record, e);
            return;
        } catch (SerializationException e) {
            value = e;
        }
        PartitionLeases.Lease lease = leases.current(record.partition());
        windows.computeIfAbsent(record.partition(), p -> new OffsetWindow()).started(record.offset());
        if (inFlight.incrementAndGet() >= properties.maxInFlight()) {
            atBound = true;
        }
        recordAge.record(Math.max(0, System.currentTimeMillis() - record.timestamp()), TimeUnit.MILLISECONDS);
        ages.taken(record.topic(), record.timestamp());
        // The checkout's span, in the trace its traceparent names, lasts until the checkout is finished:
        // the UseePay calls and the decision's write are its children.
        Observation processing = KafkaObservations.processing(observations, record, record.key()).start();
        decide(record, value, lease, processing)
                .handle((ignored, failure) -> {
                    if (failure != null && !leaseLost(failure)) {
                        processing.error(unwrapped(failure));
                        return deadLetter(record, failure, lease);
                    }
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .thenCompose(done -> done)
                .whenComplete((ignored, failure) -> {
                    processing.stop();
                    finish(new Finished(lease, record.partition(), record.offset()));
                });
    }

    private CompletableFuture<Void> decide(ConsumerRecord<String, byte[]> record, Object value, PartitionLeases.Lease lease,
                                           Observation processing) {
        if (value instanceof Throwable unreadable) {
            return CompletableFuture.failedFuture(unreadable);
        }
        if (!(value instanceof CheckoutRequested checkout)) {
            return CompletableFuture.failedFuture(new UnprocessableCheckoutException("not a CheckoutRequested: "
                    + (value == null ? "null" : value.getClass().getSimpleName())));
        }
        // In scope so what the workflow logs on this thread carries the checkout's trace and span ids.
        try (Observation.Scope scope = processing.openScope()) {
            return workflow.handle(lease, record.partition(), checkout, Instant.ofEpochMilli(record.timestamp()), processing);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Dead letters must be durable before the offset moves on: a failed send is tried again while the partition is ours. */
    private CompletableFuture<Void> deadLetter(ConsumerRecord<String, byte[]> record, Throwable failure, PartitionLeases.Lease lease) {
        return deadLetters.send(record, unwrapped(failure)).exceptionallyCompose(sendFailed -> {
            if (!lease.held()) {
                return CompletableFuture.completedFuture(null);
            }
            log.warn("dead letter for {}-{}@{} not written ({}); trying again", record.topic(), record.partition(),
                    record.offset(), sendFailed.toString());
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                    .thenCompose(again -> deadLetter(record, failure, lease));
        });
    }

    private void finish(Finished done) {
        finished.add(done);
        if (inFlight.decrementAndGet() < properties.maxInFlight() && atBound && running) {
            consumer.wakeup(); // resume now rather than after the poll times out
        }
    }

    private void applyFinished() {
        for (Finished done = finished.poll(); done != null; done = finished.poll()) {
            OffsetWindow window = windows.get(done.partition());
            if (window != null && done.lease() == leases.current(done.partition())) {
                window.finished(done.offset());
            }
        }
    }

    private void waitForRegistry(ConsumerRecord<String, byte[]> record, RegistryUnavailableException e) {
        log.warn("checkout {}-{}@{} not readable now ({}); reading it again in {}", record.topic(), record.partition(),
                record.offset(), e.getMessage(), properties.registryRetry());
        waitingForRegistryUntil.put(record.partition(), System.nanoTime() + properties.registryRetry().toNanos());
        consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
    }

    /** Paused: every partition at the bound, else only those waiting to read a record again. */
    private void pauseOrResume() {
        atBound = inFlight.get() >= properties.maxInFlight();
        long now = System.nanoTime();
        waitingForRegistryUntil.values().removeIf(until -> until <= now);
        Set<TopicPartition> pause = new HashSet<>();
        Set<TopicPartition> resume = new HashSet<>();
        for (TopicPartition partition : consumer.assignment()) {
            (atBound || waitingForRegistryUntil.containsKey(partition.partition()) ? pause : resume).add(partition);
        }
        consumer.pause(pause);
        consumer.resume(resume);
    }

    private void commitIfDue() {
        if (System.nanoTime() - lastCommitNanos < properties.commitInterval().toNanos()) {
            return;
        }
        lastCommitNanos = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(consumer.assignment());
        offsets.entrySet().removeIf(entry -> entry.getValue().offset() == lastCommitted.getOrDefault(entry.getKey(), -1L));
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error == null) {
                    committed.forEach((partition, offset) -> lastCommitted.put(partition, offset.offset()));
                } else {
                    log.warn("commit of {} failed, the next one covers it: {}", committed.keySet(), error.toString());
                }
            });
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetWindow window = windows.get(partition.partition());
            if (window != null && window.committable() >= 0) {
                offsets.put(partition, new OffsetAndMetadata(window.committable()));
            }
        }
        return offsets;
    }

    /** A wake-up meant for the poll (room under the bound) must not cost a final commit. */
    private void commitNow(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException woken) {
            consumer.commitSync(offsets);
        }
    }

    private static boolean leaseLost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PartitionLeases.LeaseLostException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Runs inside poll, on the consumer's thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<Integer> numbers = numbers(partitions);
            ledgerLoader.load(numbers);
            numbers.forEach(partition -> {
                leases.acquire(partition);
                windows.put(partition, new OffsetWindow());
            });
            startWhereTheGroupNeverCommittedAtTheHorizon(partitions);
            joined = true;
        }

        /**
         * A partition the group never committed (a first start, a new group) starts at the horizon:
         * older checkouts are history, never placed, so reading them would only make a first start
         * cost grow with history. The start is committed at once, so the group's lag, and "read past
         * this record", are known before the partition's first checkout.
         */
        private void startWhereTheGroupNeverCommittedAtTheHorizon(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            List<TopicPartition> neverCommitted = partitions.stream().filter(partition -> committed.get(partition) == null).toList();
            if (neverCommitted.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
            HorizonOffsets.firstWrittenSince(consumer, neverCommitted, Instant.now().minus(properties.maxAge()))
                    .forEach((partition, offset) -> {
                        consumer.seek(partition, offset);
                        starts.put(partition, new OffsetAndMetadata(offset));
                    });
            consumer.commitSync(starts);
            starts.forEach((partition, offset) -> lastCommitted.put(partition, offset.offset()));
        }

        /**
         * Gives the partitions' work time to finish, commits what finished, then takes the lease away
         * from what is left (it is cancelled and can no longer publish) and flushes the producer, so
         * every decision this instance made for them is on the broker before the next owner reads it.
         */
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            List<Integer> numbers = numbers(partitions);
            if (!guard.awaitDrained(numbers, properties.drainTimeout())) {
                log.warn("work of partitions {} still in flight after {}: cancelled, the next owner redoes it",
                        numbers, properties.drainTimeout());
            }
            applyFinished();
            try {
                commitNow(committable(partitions));
            } catch (RuntimeException e) {
                log.warn("final commit for {} failed; the next owner repeats some checkouts, the ledger skips them: {}",
                        numbers, e.toString());
            }
            forget(partitions);
        }

        /** Someone else may own them already: stop deciding for them at once. */
        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            List<Integer> numbers = numbers(partitions);
            leases.release(numbers);
            publisher.flush();
            numbers.forEach(partition -> {
                ledger.forget(partition);
                windows.remove(partition);
                waitingForRegistryUntil.remove(partition);
            });
            partitions.forEach(lastCommitted::remove);
        }

        private static List<Integer> numbers(Collection<TopicPartition> partitions) {
            return partitions.stream().map(TopicPartition::partition).toList();
        }
    }
}
