package com.merchantpay.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.e2e.support.OrderEvent;
import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.e2e.support.Shopper;
import com.merchantpay.e2e.support.Shopper.Item;
import com.merchantpay.e2e.support.WorkflowStack;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SandboxAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replay safety (issues 8 and 9): replaying {@code payments.checkouts.v1} and
 * {@code payments.psp-findings.v1} and {@code payments.psp-queries.v1} in full, from the beginning, into the running services creates no
 * new outcome for any settled order and no new UseePay order or create call.
 */
@ExtendWith(WorkflowStack.class)
class ReplaySafetyIT {

    private static final String OUTCOMES = PaymentTopics.OUTCOMES.name();
    private static final List<String> REPLAYED = List.of(PaymentTopics.CHECKOUTS.name(), PaymentTopics.PSP_FINDINGS.name(),
            PaymentTopics.PSP_QUERIES.name());

    private final RunningStack stack;
    private final SandboxAdmin sandbox;

    ReplaySafetyIT(RunningStack stack) {
        this.stack = stack;
        this.sandbox = stack.sandbox();
    }

    @Test
    void replayingCheckoutsAndPspFindingsInFullCreatesNoNewOutcomeAndNoNewPspOrder() {
        List<String> ours = settledOrders();
        try (DeadLetters deadLetters = new DeadLetters(stack.localStack().bootstrapServers())) {
            Map<TopicPartition, Long> outcomesBefore = stack.consumerGroups().endOffsets(List.of(OUTCOMES));
            Set<String> settledBefore = stack.readAll(OUTCOMES).stream()
                    .filter(event -> ChaosVerdict.FINAL_OUTCOMES.contains(event.simpleType()))
                    .map(OrderEvent::key).collect(Collectors.toSet());
            Map<String, SandboxAdmin.Counters> countersBefore = sandbox.allCounters();
            int pspOrdersBefore = sandbox.orders().size();

            List<OperatorReplay.Report> replay = new OperatorReplay(stack.localStack().bootstrapServers(),
                    stack.localStack().registryUrl()).replayInFull(REPLAYED, PaymentTopics.ORDER_PARTITIONS);
            // Every group has consumed the copies, and whatever it wrote because of them (a decision, a
            // finding, an outcome) has been consumed too: the replay's effects, if any, are all on the topics.
            stack.consumerGroups().awaitQuiescent(ChaosRun.INPUT_TOPICS, Duration.ofMinutes(3));

            assertThat(newRecords(OUTCOMES, outcomesBefore))
                    .as("outcomes written after the replay for orders already settled (replay: %s)", replay)
                    .filteredOn(event -> settledBefore.contains(event.key())).isEmpty();
            for (String orderNo : ours) {
                assertThat(stack.eventsOf(orderNo, OUTCOMES)).as("outcomes of %s", orderNo).hasSize(1);
            }
            assertThat(sandbox.orders()).as("UseePay orders after the replay").hasSize(pspOrdersBefore);
            Map<String, SandboxAdmin.Counters> countersAfter = sandbox.allCounters();
            countersBefore.forEach((orderNo, before) -> assertThat(countersAfter.get(orderNo).creates())
                    .as("create calls for %s", orderNo).isEqualTo(before.creates()));
            assertThat(deadLetters.since()).as("dead letters caused by the replay").isEmpty();
        }
    }

    /** Four paid, one failed, one rejected at checkout: each with its one outcome (or none, rejected). */
    private List<String> settledOrders() {
        Shopper shopper = stack.miniProgram().logIn("o-replay-" + UUID.randomUUID());
        List<String> decided = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String orderNo = shopper.placeOrder(null, new Item("milk-tea", 1 + i)).orderNo();
            assertThat(i < 4 ? sandbox.pay(orderNo) : sandbox.fail(orderNo)).as("sandbox move of %s", orderNo).isEqualTo(200);
            decided.add(orderNo);
        }
        assertThat(shopper.checkOut("replay-" + UUID.randomUUID(), null, new Item("no-such-product", 1)).status()).isEqualTo(422);
        Set<String> pending = new HashSet<>(decided);
        await("the orders' outcomes").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            stack.readAll(OUTCOMES).forEach(event -> pending.remove(event.key()));
            return pending.isEmpty();
        });
        return decided;
    }

    private List<OrderEvent> newRecords(String topic, Map<TopicPartition, Long> before) {
        return stack.readAll(topic).stream()
                .filter(event -> event.offset() >= before.getOrDefault(new TopicPartition(event.topic(), event.partition()), 0L))
                .toList();
    }
}
