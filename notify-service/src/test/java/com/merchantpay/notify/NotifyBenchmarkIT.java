package com.merchantpay.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.notify.support.PaymentInputs;
import com.merchantpay.notify.support.RunningNotifyService;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.ProcessCpu;
import com.merchantpay.testsupport.SharedInfrastructure;
import com.merchantpay.useepay.form.UrlEncodedForm;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.Md5SignatureScheme;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Figures for the README, not pass/fail gates (beyond "everything was acknowledged"):
 * {@code ./mvnw -B -ntp verify -Pbenchmark -pl notify-service -am -Dit.test=NotifyBenchmarkIT}.
 * The load generator ({@link NotificationLoad}, a JVM of its own for ingest and the ceiling; this JVM for the
 * paced outcome run) shares the machine's two cores with the service, the broker and the registry.
 */
@Tag("benchmark")
@TestPropertySource(properties = "notify.outcome.finding-wait=10m")
@Import(NotifyBenchmarkIT.EmptyEndpoint.class)
class NotifyBenchmarkIT extends RunningNotifyService {

    /** Reads the form and answers 200 with nothing else: what the HTTP server stack alone allows here. */
    private static final String EMPTY_PATH = "/benchmark/empty";

    @TestConfiguration(proxyBeanMethods = false)
    static class EmptyEndpoint {
        @Bean
        RouterFunction<ServerResponse> emptyEndpoint() {
            return RouterFunctions.route(RequestPredicates.POST(EMPTY_PATH),
                    request -> request.bodyToMono(String.class).then(ServerResponse.ok().bodyValue("SUCCESS")));
        }
    }

    private static final String NOTIFICATIONS = "/useepay/notifications";
    private static final int CONCURRENCY = 256;
    private static final Md5SignatureScheme SIGNER = new Md5SignatureScheme(new MerchantKey(sandbox().secrets().merchantMd5Key()));

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void ingestDurableAcknowledgementsPerSecondAtConcurrency256() {
        Measured measured = warmedUp("ingest", NOTIFICATIONS);
        NotificationLoad.Batch result = measured.batch();
        System.out.printf("%nINGEST: %d notifications at concurrency %d: %.0f durable 200s/s; ack latency p50 %.1f ms, "
                        + "p99 %.1f ms, p99.9 %.1f ms, max %.1f ms; non-200: %d; written to the findings topic: %d; %s%n",
                result.ok(), CONCURRENCY, result.perSecond(), result.p50Millis(), result.p99Millis(), result.p999Millis(),
                result.maxMillis(), result.failed(), measured.findingsWritten(), measured.warmth());
        assertThat(result.failed()).isZero();
        // Zero lost: every 200 is a record on the topic (only ingest writes it here, one record per notification).
        assertThat(measured.findingsWritten()).as("records written to the findings topic while measuring")
                .isGreaterThanOrEqualTo(result.ok());
    }

    /**
     * The same load against an endpoint that only reads the form: the ceiling the HTTP server stack and
     * this load generator leave on this machine, whatever the ingest itself costs.
     */
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void httpCeilingOfAnEndpointThatOnlyReadsTheFormAtConcurrency256() {
        Measured measured = warmedUp("ceiling", EMPTY_PATH);
        NotificationLoad.Batch result = measured.batch();
        System.out.printf("%nHTTP CEILING: %d requests at concurrency %d: %.0f 200s/s; latency p50 %.1f ms, p99 %.1f ms; "
                        + "non-200: %d; %s%n",
                result.ok(), CONCURRENCY, result.perSecond(), result.p50Millis(), result.p99Millis(), result.failed(),
                measured.warmth());
        assertThat(result.failed()).isZero();
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void notificationAcceptedToOutcomeVisibleAt1000PerSecond() {
        // -Dbenchmark.rate=200 shows the latency floor when the processor is not saturated.
        int perSecond = Integer.getInteger("benchmark.rate", 1_000);
        ConnectionProvider pool = ConnectionProvider.create("latency", 256);
        HttpClient http = HttpClient.create(pool).baseUrl("http://127.0.0.1:" + port);
        Warmth warmth = warmUp(http, perSecond);

        List<String> measured = IntStream.range(0, perSecond * 20).mapToObj(i -> newOrderNo("latency-" + i)).toList();
        sendAll(PaymentTopics.ORDERS.name(), measured.stream().collect(
                java.util.stream.Collectors.toMap(orderNo -> orderNo, PaymentInputs::orderCreated)));
        awaitProcessed();
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        Histogram visible = new ConcurrentHistogram(3);
        AtomicInteger seen = new AtomicInteger();
        Thread subscriber = Thread.ofPlatform().daemon().start(() -> subscribe(acceptedAt, visible, seen, measured.size()));
        Map<String, Long> processes = serviceAndBroker();
        double compilingBefore = compilerMillis(processes);
        int failed = paced(http, measured, perSecond, orderNo -> acceptedAt.put(orderNo, System.nanoTime()));
        await().atMost(Duration.ofMinutes(2)).until(() -> seen.get() >= measured.size() - failed);
        double compiling = compilerMillis(processes) - compilingBefore;
        subscriber.interrupt();
        pool.dispose();

        System.out.printf("%nOUTCOME: %d notifications at %d/s: accepted → outcome visible (read_committed) p50 %.1f ms, "
                        + "p99 %.1f ms, p99.9 %.1f ms, max %.1f ms; commit interval %s; non-200: %d; "
                        + "warm-up %d s (JIT %.0f ms of CPU in its last 5 s), JIT compiling while measured %.0f ms of CPU%n",
                visible.getTotalCount(), perSecond, ms(visible, 50), ms(visible, 99), ms(visible, 99.9),
                visible.getMaxValue() / 1e6, outcomeProperties.commitInterval(), failed + warmth.failed(),
                warmth.seconds(), warmth.lastCompileMillis(), compiling);
        assertThat(failed + warmth.failed()).isZero();
    }

    /**
     * Posts each order's notification at {@code perSecond} (a hundredth of them every 10 ms), calling
     * {@code accepted} on each 200; returns how many were not answered 200.
     */
    private static int paced(HttpClient http, List<String> orders, int perSecond, java.util.function.Consumer<String> accepted) {
        List<String> bodies = orders.stream().map(orderNo -> body(orderNo)).toList();
        AtomicInteger failed = new AtomicInteger();
        int perTick = Math.max(1, perSecond / 100);
        Flux.interval(Duration.ofMillis(10)).take(orders.size() / perTick).onBackpressureBuffer()
                .flatMap(tick -> Flux.range((int) (tick * perTick), perTick))
                .flatMap(i -> NotificationLoad.post(http, NOTIFICATIONS, bodies.get(i)).doOnNext(status -> {
                    if (status == 200) {
                        accepted.accept(orders.get(i));
                    } else {
                        failed.incrementAndGet();
                    }
                }), 512)
                .blockLast(Duration.ofMinutes(5));
        return failed.get();
    }

    private record Warmth(int seconds, double lastCompileMillis, int failed) {
    }

    /** Notifications at the rate in 5 s rounds, {@link #untilCompiled}. */
    private Warmth warmUp(HttpClient http, int perSecond) {
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger();
        double lastCompiled = untilCompiled(24, serviceAndBroker(), () -> {
            List<String> orders = IntStream.range(0, perSecond * 5).mapToObj(i -> newOrderNo("warmup-" + i)).toList();
            sendAll(PaymentTopics.ORDERS.name(), orders.stream().collect(
                    java.util.stream.Collectors.toMap(orderNo -> orderNo, PaymentInputs::orderCreated)));
            awaitProcessed();
            long started = System.nanoTime();
            failed.addAndGet(paced(http, orders, perSecond, orderNo -> { }));
            rounds.incrementAndGet();
            return System.nanoTime() - started;
        });
        return new Warmth(rounds.get() * 5, lastCompiled, failed.get());
    }

    /**
     * Runs warm-up rounds ({@code round} returns how long its load took, in nanoseconds) until the JIT compiler
     * threads of {@code processes} used under a tenth of a core during a round, at most {@code maxRounds}: services
     * that have run a while. Waiting for the JIT while idle is not enough: what it postponed under load it compiles
     * when the load comes back. CPU, not {@code CompilationMXBean}'s compile time: that counts the wall time of each
     * compile, which a compiler thread starved of CPU stretches, so it never looked settled under load.
     * Returns the last round's compiler CPU in milliseconds.
     */
    private static double untilCompiled(int maxRounds, Map<String, Long> processes, LongSupplier round) {
        double compiled = Double.MAX_VALUE;
        for (int i = 0; i < maxRounds; i++) {
            double before = compilerMillis(processes);
            long loadNanos = round.getAsLong();
            compiled = compilerMillis(processes) - before;
            if (compiled < loadNanos / 10e6) {
                break;
            }
        }
        return compiled;
    }

    /** This JVM (the service) and the shared broker. */
    private static Map<String, Long> serviceAndBroker() {
        Map<String, Long> processes = new LinkedHashMap<>();
        processes.put("notify-service", ProcessHandle.current().pid());
        SharedInfrastructure.broker().pid().ifPresent(pid -> processes.put("broker", pid));
        return processes;
    }

    private static double compilerMillis(Map<String, Long> processes) {
        return ProcessCpu.compiling(processes).values().stream().filter(millis -> !millis.isNaN())
                .mapToDouble(Double::doubleValue).sum();
    }

    private void subscribe(Map<String, Long> acceptedAt, Histogram visible, AtomicInteger seen, int expected) {
        Map<String, Object> config = new HashMap<>(SharedInfrastructure.kafkaClientProperties());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Measure when the outcome becomes visible, not how long an idle fetch is parked at the broker.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, PaymentTopics.ORDER_PARTITIONS)
                    .mapToObj(p -> new TopicPartition(OUTCOMES, p)).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (!Thread.currentThread().isInterrupted() && seen.get() < expected) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    Long accepted = acceptedAt.get(record.key());
                    if (accepted != null) {
                        visible.recordValue(Math.max(0, now - accepted));
                        seen.incrementAndGet();
                    } else if (record.key().startsWith("latency-")) {
                        // The outcome overtook the 200 on its way back to the client: visible "before" accepted.
                        visible.recordValue(0);
                        seen.incrementAndGet();
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The measured batch, how warm the JVMs were (rounds it took, what they compiled while measured), and the CPU
     * each process spent per answered request: on two shared cores the rate moves with whatever else the machine
     * does, the CPU a request costs much less.
     */
    private record Measured(NotificationLoad.Batch batch, long findingsWritten, int warmUpRounds, double compiledMillis,
                            Map<String, Double> cpuPerRequest) {

        String warmth() {
            return "warm-up %d rounds of 10,000; JIT compiling while measured: %.0f ms of CPU; CPU per request, ms: %s"
                    .formatted(warmUpRounds, compiledMillis, cpuPerRequest.entrySet().stream()
                            .map(entry -> "%s %.3f".formatted(entry.getKey(), entry.getValue())).toList());
        }
    }

    /**
     * Rounds of 10,000 requests {@link #untilCompiled} (at most 20), then the measured run at {@link #CONCURRENCY};
     * all from a load generator in its own JVM, so this JVM's CPU and JIT are the service's (and the broker client's).
     */
    private Measured warmedUp(String phase, String path) {
        try (NotificationLoad load = NotificationLoad.start("http://127.0.0.1:" + port, CONCURRENCY)) {
            Map<String, Long> processes = serviceAndBroker();
            processes.put("load generator", load.pid());
            AtomicInteger round = new AtomicInteger();
            untilCompiled(20, processes,
                    () -> load.post(path, bodies(phase + "-warm-up-" + round.getAndIncrement(), 10_000)).elapsedNanos());
            List<String> bodies = bodies(phase, Integer.getInteger("benchmark.notifications", 60_000));
            long findingsBefore = findingsOnTopic();
            double compiledBefore = compilerMillis(processes);
            Map<String, Double> cpuBefore = ProcessCpu.read(processes);
            NotificationLoad.Batch batch = load.post(path, bodies);
            Map<String, Double> cpu = ProcessCpu.perCompleted(cpuBefore, ProcessCpu.read(processes), batch.ok());
            double compiled = compilerMillis(processes) - compiledBefore;
            return new Measured(batch, findingsOnTopic() - findingsBefore, round.get(), compiled, cpu);
        }
    }

    /** Records on the findings topic so far: the sum of its partitions' end offsets. */
    private static long findingsOnTopic() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(SharedInfrastructure.kafkaClientProperties(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(FINDINGS).stream()
                    .map(partition -> new TopicPartition(FINDINGS, partition.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<String> bodies(String phase, int count) {
        return IntStream.range(0, count).mapToObj(i -> body(newOrderNo(phase + "-" + i))).toList();
    }

    /** A succeed notification as the sandbox signs it (MD5), for an order of this benchmark. */
    private static String body(String orderNo) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "1.0");
        fields.put("merchantNo", sandbox().secrets().merchantNo());
        fields.put("transactionId", orderNo);
        fields.put("reference", "ref-" + orderNo);
        fields.put("transactionType", "pay");
        fields.put("amount", String.valueOf(AMOUNT));
        fields.put("currency", CURRENCY);
        fields.put("resultCode", "succeed");
        fields.put("errorCode", "0000");
        fields.put("signType", "MD5");
        fields.put("sign", SIGNER.sign(fields));
        return UrlEncodedForm.encode(fields);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
