package com.merchantpay.order.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.checkout.CheckoutItem;
import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.order.psp.PspOrderPlacement;
import com.merchantpay.order.support.OrderServiceUnderTest;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sustained CheckoutRequested → OrderCreated throughput and latency with UseePay (the sandbox)
 * answering after 100 ms, 3 partitions, the production settings. Prints its figures.
 *
 * <pre>
 * ./mvnw -B -ntp verify -Pbenchmark -pl order-service -am -Dit.test=ThroughputBenchmarkIT \
 *     -Dbenchmark.seconds=300 -Dbenchmark.rate=600
 * </pre>
 * Latency is measured from just before the checkout is sent to when a subscriber of the orders topic
 * reads the decision, in the same JVM (one clock).
 */
@Tag("benchmark")
class ThroughputBenchmarkIT {

    private static final Duration WARM_UP = Duration.ofSeconds(10);

    @Test
    void sustainedThroughputAndLatencyWithAHundredMillisecondUseePay() throws Exception {
        int seconds = Integer.getInteger("benchmark.seconds", 60);
        int rate = Integer.getInteger("benchmark.rate", 600);
        SandboxAdmin sandbox = OrderServiceUnderTest.sandbox().admin();
        sandbox.reset();
        sandbox.faults("{\"addedLatency\":\"PT0.1S\"}");
        ConfigurableApplicationContext service = OrderServiceUnderTest.restart(Map.of());
        PspOrderPlacement placement = service.getBean(PspOrderPlacement.class);

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Set<String> decided = ConcurrentHashMap.newKeySet();
        AtomicLong duplicates = new AtomicLong();
        Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
        AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicLong measuredUntil = new AtomicLong(Long.MAX_VALUE);
        AtomicLong decidedInWindow = new AtomicLong();
        AtomicBoolean reading = new AtomicBoolean(true);
        CountDownLatch positioned = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().name("benchmark-reader").start(() -> readDecisions(reading, positioned, record -> {
            Long sent = sentAt.get(record.key());
            if (sent == null) {
                return; // an order of another run
            }
            long now = System.nanoTime();
            if (!decided.add(record.key())) {
                duplicates.incrementAndGet();
            } else {
                // Latency counts checkouts sent inside the window: a backlog the cold JIT left during the
                // warm-up is the warm-up's, not the steady state's (the backlog's drain time is printed).
                if (sent >= measuredFrom.get() && sent <= measuredUntil.get()) {
                    latency.recordValue(now - sent);
                }
                if (now >= measuredFrom.get() && now <= measuredUntil.get()) {
                    decidedInWindow.incrementAndGet();
                }
            }
        }));
        assertThat(positioned.await(30, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        measuredFrom.set(started + WARM_UP.toNanos());
        measuredUntil.set(started + WARM_UP.toNanos() + Duration.ofSeconds(seconds).toNanos());
        int sent = produceAtRate(rate, Duration.ofSeconds(seconds).plus(WARM_UP), sentAt);
        long window = measuredUntil.get() - measuredFrom.get();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> decided.size() >= sent);
        long allDecidedAt = System.nanoTime();
        long drainedAfter = allDecidedAt - started - Duration.ofSeconds(seconds).plus(WARM_UP).toNanos();
        reading.set(false);
        reader.join();

        System.gc();
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long heapMax = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        double throughput = decidedInWindow.get() / (window / 1e9);
        double overall = sent / ((allDecidedAt - started) / 1e9);
        System.out.printf("%n=== order-service benchmark: UseePay latency 100 ms, %d partitions, offered %d/s for %d s (+%d s warm-up)%n",
                PaymentTopics.CHECKOUTS.partitions(), rate, seconds, WARM_UP.toSeconds());
        System.out.printf("checkouts sent %d, decided %d, duplicate decisions %d%n", sent, decided.size(), duplicates.get());
        System.out.printf("throughput %.0f decisions/s in the %d s window after warm-up; backlog drained %d ms after the last send"
                        + " (%.0f/s from the first send to the last decision)%n",
                throughput, seconds, TimeUnit.NANOSECONDS.toMillis(Math.max(0, drainedAfter)), overall);
        System.out.printf("latency CheckoutRequested→OrderCreated of checkouts sent in the window: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6);
        System.out.printf("peak UseePay placements in flight %d (bound 3 x max.poll.records = 192)%n", placement.peakInFlight());
        io.micrometer.core.instrument.MeterRegistry meters = service.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        meters.find("order.psp.calls").timers().forEach(timer -> System.out.printf(
                "UseePay placement attempts, outcome %s: %d, mean %.1f ms, max %.1f ms%n", timer.getId().getTag("outcome"),
                timer.count(), timer.mean(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS)));
        System.out.printf("heap used after the run and a GC %d MB of %d MB max (test JVM: service + load generator + reader)%n%n",
                heapUsed >> 20, heapMax >> 20);

        sandbox.faults("{}");
        OrderServiceUnderTest.stop();
        assertThat(duplicates.get()).isZero();
        assertThat(decided).hasSize(sent);
    }

    /** Sends {@code rate} checkouts a second in 10 ms ticks; returns how many were sent. */
    private static int produceAtRate(int rate, Duration duration, Map<String, Long> sentAt) throws Exception {
        Map<String, Object> config = SharedInfrastructure.eventProducerConfig();
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        AtomicLong count = new AtomicLong();
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config);
             ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor()) {
            long ticksTotal = duration.toMillis() / 10;
            AtomicLong tick = new AtomicLong();
            var schedule = ticks.scheduleAtFixedRate(() -> {
                long due = (tick.incrementAndGet() * rate) / 100;
                while (count.get() < due) {
                    String orderNo = "bench-" + run + "-" + count.getAndIncrement();
                    sentAt.put(orderNo, System.nanoTime());
                    producer.send(new ProducerRecord<>(PaymentTopics.CHECKOUTS.name(), orderNo, checkout(orderNo)));
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            await().atMost(duration.plusMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> tick.get() >= ticksTotal);
            schedule.cancel(false);
            producer.flush();
        }
        return (int) count.get();
    }

    private static CheckoutRequested checkout(String orderNo) {
        return CheckoutRequested.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "CheckoutRequested"))
                .setOccurredAt(Instant.now())
                .setOrderNo(orderNo)
                .setTraceId("trace-" + orderNo)
                .setOpenId("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
                .setItems(List.of(CheckoutItem.newBuilder().setProductId("milk-tea").setQuantity(2).build()))
                .setPayerIp(null)
                .build();
    }

    private static void readDecisions(AtomicBoolean reading, CountDownLatch positioned,
                                      java.util.function.Consumer<ConsumerRecord<String, byte[]>> onDecision) {
        Map<String, Object> config = new HashMap<>(SharedInfrastructure.kafkaClientProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PaymentTopics.ORDERS.partitions(); p++) {
                partitions.add(new TopicPartition(PaymentTopics.ORDERS.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (reading.get()) {
                consumer.poll(Duration.ofMillis(50)).forEach(onDecision);
            }
        }
    }
}
