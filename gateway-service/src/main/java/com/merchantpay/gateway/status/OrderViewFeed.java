package com.merchantpay.gateway.status;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.events.order.WxPaymentParameters;
import com.merchantpay.events.outcome.OrderClosed;
import com.merchantpay.events.outcome.PaymentFailed;
import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.events.outcome.RefundRequired;
import com.merchantpay.events.refund.RefundSucceeded;
import com.merchantpay.schemas.kafka.KafkaClients;
import com.merchantpay.schemas.kafka.PollWatchdog;
import com.merchantpay.schemas.kafka.RecordAges;
import com.merchantpay.schemas.kafka.RegistryProperties;
import com.merchantpay.schemas.registry.RegistryUnavailableException;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.KafkaObservations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the checkout, order and outcome topics into the {@link OrderView}: every partition, from
 * now − horizon (found through the time index), by manual assignment and without a consumer group,
 * so each instance holds the same recent picture and a restart rebuilds it in time that follows the
 * order rate, not the topics' history. One thread per instance, whatever the number of waiters.
 *
 * <p>The view is caught up once it has read to the end offsets seen at start; readiness waits for
 * that, so a fresh instance does not answer "unknown order" for an order that exists.
 */
@Component
public class OrderViewFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderViewFeed.class);
    private static final String WATCHED_AS = "order-view";
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    private static final List<String> TOPICS = List.of(
            PaymentTopics.CHECKOUTS.name(), PaymentTopics.ORDERS.name(), PaymentTopics.OUTCOMES.name());

    private final OrderView view;
    private final PollWatchdog watchdog;
    /** Per topic: a decision's age tells the hop back from order-service; checkouts and outcomes their own. */
    private final Map<String, Timer> recordAge;
    private final ObservationRegistry observations;
    private final RecordAges ages;
    private final Duration horizon;
    private long nextSweepNanos;
    private final Map<String, Object> consumerConfig;
    private volatile KafkaConsumer<String, Object> consumer;
    private volatile Thread thread;
    private volatile Map<TopicPartition, Long> startEnds;
    private volatile Map<TopicPartition, Long> lag = Map.of();
    private volatile boolean caughtUp;
    private volatile boolean running;

    public OrderViewFeed(OrderView view, KafkaProperties kafka, RegistryProperties registry, PollWatchdog watchdog,
                         StatusProperties status, MeterRegistry meters, ObservationRegistry observations) {
        this.view = view;
        this.observations = observations;
        this.horizon = status.horizon();
        this.watchdog = watchdog;
        this.recordAge = new HashMap<>();
        for (String topic : TOPICS) {
            recordAge.put(topic, Timer.builder("gateway.view.record_age").tag("topic", topic)
                    .description("From an event's write to the broker to this gateway's view applying it (the hop back)")
                    .publishPercentileHistogram().register(meters));
        }
        // No consumer group: the view reads by assignment; its lag is tagged by the name its clients carry.
        this.ages = new RecordAges(meters, "gateway-order-view", TOPICS);
        // Outcomes are written in transactions: a short fetch wait, or each would wait out the default 500 ms.
        Map<String, Object> config = new HashMap<>(KafkaClients.eventConsumer(String.join(",", kafka.getBootstrapServers()),
                registry.url(), KafkaClients.TRANSACTIONAL_TOPIC_FETCH_WAIT));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-order-view-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumerConfig = Map.copyOf(config);
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** Records behind the end offsets seen at start, per partition, while catching up. */
    public Map<TopicPartition, Long> startLag() {
        return lag;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("order-view-feed").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, Object> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread feed = thread;
        if (feed != null) {
            try {
                feed.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, Object> kafka = new KafkaConsumer<>(consumerConfig)) {
                consumer = kafka;
                watchdog.watch(WATCHED_AS, kafka::metrics);
                follow(kafka);
            } catch (WakeupException e) {
                // stop() was called
            } catch (RuntimeException e) {
                // Broker gone or topics missing: start over from the beginning. The view only moves forward, so re-reading is harmless.
                log.warn("Order view feed failed, reconnecting: {}", e.toString());
                pause();
            }
        }
    }

    private void follow(KafkaConsumer<String, Object> kafka) {
        List<TopicPartition> partitions = TOPICS.stream()
                .flatMap(topic -> kafka.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topics " + TOPICS + " do not exist yet");
        }
        kafka.assign(partitions);
        seekToHorizon(kafka, partitions);
        if (startEnds == null) {
            startEnds = Map.copyOf(kafka.endOffsets(partitions));
        }
        while (running) {
            try {
                kafka.poll(Duration.ofMillis(500)).forEach(this::apply);
            } catch (RecordDeserializationException unreadable) {
                skipOrRetry(kafka, unreadable);
            }
            checkCaughtUp(kafka);
            archiveOldOrders();
        }
    }

    /** Only the horizon's worth of each topic: what the view would archive anyway is never read. */
    private void seekToHorizon(KafkaConsumer<String, Object> kafka, List<TopicPartition> partitions) {
        long since = System.currentTimeMillis() - horizon.toMillis();
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(partition -> at.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> found = kafka.offsetsForTimes(at, Duration.ofSeconds(10));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp first = found.get(partition);
            if (first == null) {
                kafka.seekToEnd(List.of(partition));
            } else {
                kafka.seek(partition, first.offset());
            }
        }
    }

    private void archiveOldOrders() {
        if (System.nanoTime() < nextSweepNanos) {
            return;
        }
        nextSweepNanos = System.nanoTime() + SWEEP_EVERY.toNanos();
        int archived = view.forgetBegunBefore(System.currentTimeMillis() - horizon.toMillis());
        if (archived > 0) {
            log.info("Order view archived {} orders older than {}", archived, horizon);
        }
    }

    /**
     * A record that will never be readable is not ours to dead-letter (we are a reader, not the
     * consumer of record): skip it, never stall. One that could not be read because the registry did
     * not answer in time is read again on the next poll (the consumer did not move past it).
     */
    private static void skipOrRetry(KafkaConsumer<String, Object> kafka, RecordDeserializationException unreadable) {
        if (unreadable.getCause() instanceof RegistryUnavailableException) {
            log.warn("Could not read {}@{} now, the registry did not answer; retrying", unreadable.topicPartition(), unreadable.offset());
            return;
        }
        log.error("Skipping unreadable record {}@{}: {}", unreadable.topicPartition(), unreadable.offset(), unreadable.getMessage());
        kafka.seek(unreadable.topicPartition(), unreadable.offset() + 1);
    }

    private void checkCaughtUp(KafkaConsumer<String, Object> kafka) {
        if (caughtUp) {
            return;
        }
        Map<TopicPartition, Long> behind = new HashMap<>();
        startEnds.forEach((partition, end) -> {
            long remaining = end - kafka.position(partition);
            if (remaining > 0) {
                behind.put(partition, remaining);
            }
        });
        lag = Map.copyOf(behind);
        if (behind.isEmpty()) {
            caughtUp = true;
            log.info("Order view caught up: {} orders", view.size());
        }
    }

    private void apply(ConsumerRecord<String, Object> record) {
        if (!caughtUp) {
            // History read at start is not traced: its traces ended long ago, and a span per old record
            // would flood the collector on every restart.
            factOf(record.value()).ifPresent(fact -> view.apply(fact, record.timestamp()));
            return;
        }
        recordAge.get(record.topic()).record(Math.max(0, System.currentTimeMillis() - record.timestamp()), TimeUnit.MILLISECONDS);
        ages.taken(record.topic(), record.timestamp());
        // A live decision or outcome continues the trace of the write it comes from, so a checkout's
        // trace ends where the gateway learns its answer.
        Observation reading = KafkaObservations.processing(observations, record, record.key()).start();
        try (Observation.Scope scope = reading.openScope()) {
            factOf(record.value()).ifPresent(fact -> view.apply(fact, record.timestamp()));
        } finally {
            reading.stop();
        }
    }

    static Optional<OrderFact> factOf(Object event) {
        OrderFact fact = switch (event) {
            case CheckoutRequested checkout -> new OrderFact.CheckoutSeen(checkout.getOrderNo(), checkout.getOpenId(),
                    BasketDigest.of(checkout.getItems().stream()
                            .map(item -> new BasketDigest.Line(item.getProductId(), item.getQuantity())).toList()));
            case OrderCreated created -> new OrderFact.Created(created.getOrderNo(), created.getOpenId(), payParameters(created.getPayment()));
            case OrderRejected rejected -> new OrderFact.Rejected(rejected.getOrderNo(), rejected.getReasonCode(), rejected.getReasonMessage());
            case PaymentSucceeded paid -> new OrderFact.Paid(paid.getOrderNo(), paid.getAmountMinor(), paid.getCurrency());
            case PaymentFailed failed -> new OrderFact.Unpaid(failed.getOrderNo(), OrderState.FAILED);
            case OrderClosed closed -> new OrderFact.Unpaid(closed.getOrderNo(), OrderState.CLOSED);
            case RefundRequired late -> new OrderFact.RefundRequired(late.getOrderNo(), late.getAmountMinor(), late.getCurrency());
            case RefundSucceeded refunded -> new OrderFact.Refunded(refunded.getOrderNo(), refunded.getRefundedTotalMinor(),
                    refunded.getPaidMinor(), refunded.getCurrency());
            case null, default -> null;
        };
        return Optional.ofNullable(fact);
    }

    private static PayParameters payParameters(WxPaymentParameters wire) {
        return new PayParameters(wire.getTimeStamp(), wire.getNonceStr(), wire.getPrepayPackage(), wire.getSignType(), wire.getPaySign());
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
