package com.merchantpay.ops.replay;

import static com.merchantpay.ops.support.OpsRun.ops;
import static com.merchantpay.ops.support.OpsRun.header;
import static com.merchantpay.ops.support.OpsRun.recordsOn;
import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.outcome.PaymentFailed;
import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.ops.support.OpsRun;
import com.merchantpay.ops.support.SampleOrderEvents;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Source holds 8 records of 4 orders around the range [from, to): one 1 ms before from, one exactly
 * at from, three inside, one 1 ms before to, one exactly at to, one after. Five are in range.
 */
class ReplayCommandIT {

    private final String orderA = "ORD-A-" + UUID.randomUUID();
    private final String orderB = "ORD-B-" + UUID.randomUUID();
    private final String orderC = "ORD-C-" + UUID.randomUUID();
    private final String orderD = "ORD-D-" + UUID.randomUUID();
    private final Instant from = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private final Instant to = from.plusSeconds(10);
    private String source;
    private String target;

    @BeforeEach
    void sourceWithRecordsAroundTheRange() {
        source = SharedInfrastructure.createUniqueTopic("replay-source", 3);
        target = SharedInfrastructure.createUniqueTopic("replay-target", 3);
        try (SampleOrderEvents writer = new SampleOrderEvents()) {
            write(writer, orderA, new CheckoutRequested(), from.minusMillis(1));
            write(writer, orderA, new CheckoutRequested(), from);
            write(writer, orderD, new CheckoutRequested(), from.plusSeconds(1));
            write(writer, orderD, new PaymentFailed(), from.plusSeconds(2));
            write(writer, orderB, new OrderCreated(), from.plusSeconds(5));
            write(writer, orderB, new PaymentSucceeded(), to.minusMillis(1));
            write(writer, orderC, new PaymentSucceeded(), to);
            write(writer, orderC, new PaymentSucceeded(), to.plusSeconds(1));
        }
    }

    private void write(SampleOrderEvents writer, String orderNo, org.apache.avro.specific.SpecificRecordBase event, Instant at) {
        writer.send(source, orderNo, SampleOrderEvents.filled(event, orderNo, "trace-" + orderNo), at, "trace-" + orderNo);
    }

    private OpsRun replay(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("replay", "--source", source, "--target", target,
                "--from", from.toString(), "--to", to.toString()));
        args.addAll(Arrays.asList(extra));
        return ops(args.toArray(String[]::new));
    }

    @Test
    void copiesExactlyTheRecordsInRangeFromIncludedToExcludedWithAuditHeaders() {
        Set<String> groupsBefore = consumerGroups();

        OpsRun run = replay("--by", "alice");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<ConsumerRecord<String, byte[]>> sourceRecords = recordsOn(source);
        List<ConsumerRecord<String, byte[]>> copies = recordsOn(target);
        assertThat(copies).hasSize(5);
        assertThat(copies).extracting(ConsumerRecord::timestamp).containsExactlyInAnyOrder(
                from.toEpochMilli(), from.plusSeconds(1).toEpochMilli(), from.plusSeconds(2).toEpochMilli(),
                from.plusSeconds(5).toEpochMilli(), to.minusMillis(1).toEpochMilli());
        for (ConsumerRecord<String, byte[]> copy : copies) {
            int sourcePartition = Integer.parseInt(header(copy, AuditHeaders.SOURCE_PARTITION));
            long sourceOffset = Long.parseLong(header(copy, AuditHeaders.SOURCE_OFFSET));
            ConsumerRecord<String, byte[]> original = sourceRecords.stream()
                    .filter(record -> record.partition() == sourcePartition && record.offset() == sourceOffset)
                    .findFirst().orElseThrow();
            assertThat(copy.key()).isEqualTo(original.key());
            assertThat(copy.value()).isEqualTo(original.value());
            assertThat(copy.timestamp()).isEqualTo(original.timestamp());
            assertThat(copy.partition()).isEqualTo(original.partition());
            assertThat(header(copy, "trace-id")).isEqualTo(header(original, "trace-id"));
            assertThat(header(copy, AuditHeaders.SOURCE_TOPIC)).isEqualTo(source);
            assertThat(header(copy, AuditHeaders.REPLAY_ID)).startsWith("replay-");
            assertThat(header(copy, AuditHeaders.REPLAY_BY)).isEqualTo("alice");
            assertThat(Instant.parse(header(copy, AuditHeaders.REPLAY_AT))).isAfter(Instant.now().minusSeconds(120));
        }
        assertThat(run.out()).contains("copied 5 records");
        assertThat(consumerGroups()).as("the replay joined or created no consumer group").isEqualTo(groupsBefore);
    }

    @Test
    void dryRunPrintsCountsPerPartitionAndTypeAndWritesNothing() {
        OpsRun run = replay("--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("dry run", "per partition", "CheckoutRequested: 2", "PaymentFailed: 1",
                "OrderCreated: 1", "PaymentSucceeded: 1", "total: 5");
        assertThat(recordsOn(target)).isEmpty();
    }

    @Test
    void typeAndOrderFiltersNarrowTheCopy() {
        OpsRun byType = replay("--type", "PaymentSucceeded", "--type", "com.merchantpay.events.outcome.PaymentFailed");
        assertThat(byType.exitCode()).as(byType.toString()).isZero();
        assertThat(recordsOn(target)).extracting(record -> record.key()).containsExactlyInAnyOrder(orderB, orderD);

        OpsRun byOrder = replay("--order", orderA, "--replay-id", "orders-only");
        assertThat(byOrder.exitCode()).as(byOrder.toString()).isZero();
        List<ConsumerRecord<String, byte[]>> copies = recordsOn(target);
        assertThat(copies).hasSize(3);
        assertThat(copies.stream().filter(copy -> "orders-only".equals(header(copy, AuditHeaders.REPLAY_ID))))
                .singleElement().satisfies(copy -> assertThat(copy.key()).isEqualTo(orderA));
    }

    @Test
    void anInterruptedReplayResumesWithoutDuplicates() {
        OpsRun first = replay("--limit", "2");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("copied 2 of 5");
        assertThat(recordsOn(target)).hasSize(2);

        OpsRun resumed = replay();
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("already in " + target + " from earlier runs of this replay: 2", "total: 3");

        OpsRun again = replay();
        assertThat(again.out()).contains("nothing to copy");

        List<ConsumerRecord<String, byte[]>> copies = recordsOn(target);
        Set<String> sourceCoordinates = copies.stream()
                .map(copy -> header(copy, AuditHeaders.SOURCE_PARTITION) + "@" + header(copy, AuditHeaders.SOURCE_OFFSET))
                .collect(Collectors.toSet());
        assertThat(copies).hasSize(5);
        assertThat(sourceCoordinates).hasSize(5);
    }

    @Test
    void refusesToWriteIntoItsSource() {
        OpsRun run = ops("replay", "--source", source, "--target", source, "--from", from.toString(), "--to", to.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("same topic");
        assertThat(recordsOn(source)).hasSize(8);
    }

    @Test
    void refusesAnUnknownTopicAndCreatesNothing() {
        String missing = "no-such-topic-" + UUID.randomUUID();
        OpsRun run = ops("replay", "--source", source, "--target", missing, "--from", from.toString(), "--to", to.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("unknown topic: " + missing);
        try (Admin admin = Admin.create(SharedInfrastructure.kafkaClientProperties())) {
            assertThat(admin.listTopics().names().get()).doesNotContain(missing);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusesMoreThanTheThresholdWithoutYes() {
        OpsRun refused = replay("--confirm-above", "4");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("5 records to copy is more than 4", "--yes");
        assertThat(recordsOn(target)).isEmpty();

        OpsRun confirmed = replay("--confirm-above", "4", "--yes");
        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(recordsOn(target)).hasSize(5);
    }

    @Test
    void aBadTimeRangeIsAUsageError() {
        OpsRun reversed = ops("replay", "--source", source, "--target", target, "--from", to.toString(), "--to", from.toString());
        OpsRun unreadable = ops("replay", "--source", source, "--target", target, "--from", "yesterday", "--to", to.toString());

        assertThat(reversed.exitCode()).as(reversed.toString()).isEqualTo(1);
        assertThat(reversed.err()).contains("empty time range");
        assertThat(unreadable.exitCode()).as(unreadable.toString()).isEqualTo(1);
        assertThat(unreadable.err()).contains("'yesterday' is not an ISO-8601 time").doesNotContain("\tat ");
        assertThat(recordsOn(target)).isEmpty();
    }

    @Test
    void throttleKeepsTheRateUnderTheLimit() {
        long started = System.nanoTime();
        OpsRun run = replay("--max-rate", "4");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(run.exitCode()).as(run.toString()).isZero();
        // Five sends at 4 per second: the fifth waits at least 4 intervals of 250 ms.
        assertThat(millis).isGreaterThanOrEqualTo(1000);
        assertThat(recordsOn(target)).hasSize(5);
    }

    private static Set<String> consumerGroups() {
        try (Admin admin = Admin.create(SharedInfrastructure.kafkaClientProperties())) {
            return admin.listGroups().all().get().stream().map(GroupListing::groupId).collect(Collectors.toSet());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
