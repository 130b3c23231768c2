package com.merchantpay.e2e.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.e2e.support.JsonHttp;
import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.e2e.support.Shopper;
import com.merchantpay.e2e.support.Shopper.Item;
import com.merchantpay.e2e.support.WorkflowStack;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first checkouts after the stack says "up" are decided within the gateway's verdict wait (201),
 * on every partition of the order topics: a service is ready only when it can do its work (issue:
 * a consumer once sat on its first record for five minutes while the others decided theirs). Runs
 * before any other test class touches the JVM's shared stack, so the stack is fresh.
 */
@Order(3)
@ExtendWith(WorkflowStack.class)
class FirstCheckoutsIT {

    /** Enough to cover 12 partitions with random order numbers (about 37 expected), well inside the per-user rate limit. */
    private static final int MOST_CHECKOUTS = 100;

    @Test
    void theFirstCheckoutOfEveryPartitionIsDecidedWithinTheVerdictWait(RunningStack running) {
        Shopper shopper = running.miniProgram().logIn("o-e2e-first-" + UUID.randomUUID());
        Map<Integer, Duration> firstByPartition = new TreeMap<>();
        for (int sent = 0; sent < MOST_CHECKOUTS && firstByPartition.size() < PaymentTopics.ORDER_PARTITIONS; sent++) {
            long started = System.nanoTime();
            JsonHttp.Reply reply = shopper.checkOut("e2e-first-" + UUID.randomUUID(), null, new Item("green-tea", 1));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String orderNo = reply.body().path("orderNo").asString();
            int partition = RunningStack.partitionOf(orderNo);
            assertThat(reply.status()).as("checkout %d (%s, partition %d) after %d ms: %s", sent + 1, orderNo,
                    partition, took.toMillis(), reply.body()).isEqualTo(201);
            firstByPartition.putIfAbsent(partition, took);
        }
        System.out.println("first checkout per partition of a fresh stack (ms): " + firstByPartition.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue().toMillis()).toList());
        assertThat(firstByPartition).as("partitions that got a checkout").hasSize(PaymentTopics.ORDER_PARTITIONS);
    }
}
