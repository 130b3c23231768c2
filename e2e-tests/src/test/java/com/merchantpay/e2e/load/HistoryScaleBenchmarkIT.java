package com.merchantpay.e2e.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.events.checkout.CheckoutItem;
import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.WxPaymentParameters;
import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.events.psp.PspNotificationVerified;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceProcess;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.kafka.KafkaClients;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State that stays small as history grows: the same merchant (100,000 orders a day) with 1 day and
 * with 10 days of settled history on the topics, written directly with the services' serializer
 * (not through UseePay). After writing, the gateway and order-service are restarted and timed to
 * readiness (order-service's readiness includes its checkout consumer holding its partitions), and
 * their heaps read after a full GC. The cost must follow the recent order rate, not the history:
 * the two runs side by side are the figures to read. Tagged {@code benchmark} (run it with
 * {@code ./mvnw -B -ntp verify -Pbenchmark -pl e2e-tests -am -Dit.test=HistoryScaleBenchmarkIT}); prints a Markdown table.
 */
@Tag("benchmark")
class HistoryScaleBenchmarkIT {

    private static final Logger log = LoggerFactory.getLogger(HistoryScaleBenchmarkIT.class);
    private static final int ORDERS_PER_DAY = Integer.getInteger("history.orders-per-day", 100_000);
    private static final List<Integer> DAYS = List.of(1, 10);
    private static final List<String> RESTARTED = List.of(ServiceCatalogue.GATEWAY_SERVICE, ServiceCatalogue.ORDER_SERVICE);
    private static final List<String> STOPPED_WHILE_WRITING = List.of(ServiceCatalogue.GATEWAY_SERVICE,
            ServiceCatalogue.ORDER_SERVICE, ServiceCatalogue.NOTIFY_SERVICE, ServiceCatalogue.RECONCILIATION_SERVICE);

    /** One service after a restart on a history: time to ready, heap after a full GC. */
    record Restart(String service, Duration toReady, long heapMegabytes) {
    }

    @Test
    void restartCostFollowsTheRecentOrderRateNotTheHistory() {
        Map<Integer, List<Restart>> byDays = new LinkedHashMap<>();
        for (int days : DAYS) {
            byDays.put(days, measure(days));
        }
        String table = table(byDays);
        log.info("BENCHMARK history scale\n{}", table);
        BenchmarkReport.write(Path.of(System.getProperty("e2e.report.dir", "target/reports")), "history-scale.md", table);

        for (List<Restart> restarts : byDays.values()) {
            assertThat(restarts).hasSize(RESTARTED.size()).allSatisfy(restart -> assertThat(restart.toReady()).isPositive());
        }
    }

    private static List<Restart> measure(int days) {
        long orders = (long) days * ORDERS_PER_DAY;
        try (RunningStack stack = RunningStack.start(RunningStack.defaultOptions().withTimeScale(1.0))) {
            STOPPED_WHILE_WRITING.forEach(name -> stack.localStack().service(name).stop());
            long began = System.nanoTime();
            writeHistory(stack, orders, Duration.ofDays(days));
            log.info("BENCHMARK wrote {} settled orders over {} days in {} s", orders, days,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
            List<Restart> restarts = new ArrayList<>();
            for (String name : RESTARTED) {
                ServiceProcess service = stack.localStack().service(name);
                long start = System.nanoTime();
                service.start();
                Duration toReady = Duration.ofNanos(System.nanoTime() - start);
                restarts.add(new Restart(name, toReady, heapAfterGc(service)));
                log.info("BENCHMARK {} days: {} ready in {} ms", days, name, toReady.toMillis());
            }
            return restarts;
        }
    }

    /**
     * Every order's checkout, decision, notification and outcome, oldest first, at the day's rate
     * ending now, each record stamped with its own time so the topics' time indexes are as a live
     * run would leave them.
     */
    private static void writeHistory(RunningStack stack, long orders, Duration span) {
        Map<String, Object> config = new java.util.HashMap<>(KafkaClients.eventProducer(stack.localStack().bootstrapServers(),
                stack.localStack().registryUrl(), Duration.ofSeconds(60), Duration.ofMinutes(5)));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long end = System.currentTimeMillis() - Duration.ofMinutes(5).toMillis();
        long start = end - span.toMillis();
        double step = span.toMillis() / (double) orders;
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
            for (long i = 0; i < orders; i++) {
                long at = start + (long) (i * step);
                String orderNo = String.format("MPH%013d", i);
                send(producer, PaymentTopics.CHECKOUTS.name(), orderNo, at, checkout(orderNo, at));
                send(producer, PaymentTopics.ORDERS.name(), orderNo, at + 150, created(orderNo, at + 150));
                send(producer, PaymentTopics.PSP_FINDINGS.name(), orderNo, at + 60_000, notification(orderNo, at + 60_000));
                send(producer, PaymentTopics.OUTCOMES.name(), orderNo, at + 60_050, paid(orderNo, at + 60_050));
            }
            producer.flush();
        }
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, String topic, String orderNo, long at,
                             SpecificRecord event) {
        producer.send(new ProducerRecord<>(topic, null, at, orderNo, event), (metadata, error) -> {
            if (error != null) {
                throw new IllegalStateException("could not write the history", error);
            }
        });
    }

    private static CheckoutRequested checkout(String orderNo, long at) {
        return CheckoutRequested.newBuilder().setEventId(EventIds.deterministic(orderNo, "CheckoutRequested"))
                .setOccurredAt(Instant.ofEpochMilli(at)).setOrderNo(orderNo).setTraceId("trace-" + orderNo)
                .setOpenId("o-history-" + (orderNo.hashCode() & 0xffff)).setPayerIp("203.0.113.7")
                .setItems(List.of(CheckoutItem.newBuilder().setProductId("green-tea").setQuantity(2).build())).build();
    }

    private static OrderCreated created(String orderNo, long at) {
        return OrderCreated.newBuilder().setEventId(EventIds.deterministic(orderNo, "OrderCreated"))
                .setOccurredAt(Instant.ofEpochMilli(at)).setOrderNo(orderNo).setTraceId("trace-" + orderNo)
                .setOpenId("o-history-" + (orderNo.hashCode() & 0xffff)).setAmountMinor(5_600).setCurrency("HKD")
                .setSubject("Green tea x2").setMerchantNo("500000000000001").setPspReference("UP" + orderNo)
                .setExpiresAt(Instant.ofEpochMilli(at + 1_200_000))
                .setPayment(WxPaymentParameters.newBuilder().setTimeStamp(Long.toString(at / 1000))
                        .setNonceStr("n" + orderNo).setPrepayPackage("prepay_id=wx" + orderNo).setSignType("RSA")
                        .setPaySign("c2lnbmF0dXJlLW9mLXRoZS1wYXktdmFsdWVzLWZvci13ZWNoYXQ=").build())
                .build();
    }

    private static PspNotificationVerified notification(String orderNo, long at) {
        return PspNotificationVerified.newBuilder().setEventId(EventIds.deterministic(orderNo, "notification", "succeed"))
                .setOccurredAt(Instant.ofEpochMilli(at)).setOrderNo(orderNo).setTraceId("trace-" + orderNo)
                .setMerchantNo("500000000000001").setPspReference("UP" + orderNo).setTransactionType("pay")
                .setOriginalOrderNo(null).setStatus("succeed").setErrorCode(null).setErrorMessage(null)
                .setAmountMinor(5_600).setCurrency("HKD").build();
    }

    private static PaymentSucceeded paid(String orderNo, long at) {
        return PaymentSucceeded.newBuilder().setEventId(EventIds.deterministic(orderNo, "outcome"))
                .setOccurredAt(Instant.ofEpochMilli(at)).setOrderNo(orderNo).setTraceId("trace-" + orderNo)
                .setPspReference("UP" + orderNo).setAmountMinor(5_600).setCurrency("HKD").setDecidedBy("notification")
                .setFindingEventId(EventIds.deterministic(orderNo, "notification", "succeed")).build();
    }

    /** Heap in use after a full GC ({@code jcmd GC.run}), read from the service's own meter. */
    private static long heapAfterGc(ServiceProcess service) {
        long pid = service.pid().orElseThrow();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            gc.waitFor(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not run a GC in " + service.name(), e);
        }
        try (LoadClient client = new LoadClient()) {
            return ServiceMemory.read(client, Map.of(service.name(), service)).get(service.name()).heapMegabytes();
        }
    }

    private static String table(Map<Integer, List<Restart>> byDays) {
        StringBuilder md = new StringBuilder("| history on the topics | service | ready after restart | heap after full GC |\n|---|---|---|---|\n");
        byDays.forEach((days, restarts) -> restarts.forEach(restart -> md.append(String.format("| %,d orders (%d day%s at %,d/day) | %s | %.1f s | %d MB |%n",
                (long) days * ORDERS_PER_DAY, days, days == 1 ? "" : "s", ORDERS_PER_DAY, restart.service(),
                restart.toReady().toMillis() / 1000.0, restart.heapMegabytes()))));
        List<Restart> small = byDays.get(DAYS.getFirst());
        List<Restart> large = byDays.get(DAYS.getLast());
        for (int i = 0; i < small.size(); i++) {
            md.append(String.format("%n%s: %.2f × the ready time and %.2f × the heap with %d × the history.", small.get(i).service(),
                    large.get(i).toReady().toMillis() / (double) small.get(i).toReady().toMillis(),
                    large.get(i).heapMegabytes() / (double) small.get(i).heapMegabytes(), DAYS.getLast() / DAYS.getFirst()));
        }
        return md.append("\n").toString();
    }
}
