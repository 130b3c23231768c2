package com.merchantpay.e2e.chaos;

import static org.awaitility.Awaitility.await;

import com.merchantpay.e2e.support.KafkaNodes;
import com.merchantpay.localstack.LocalStack;
import com.merchantpay.localstack.broker.KafkaBrokerProcess;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceProcess;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process faults of the chaos run, one after the other while traffic flows: kill -9 and restart
 * order-service, notify-service, reconciliation-service, then restart the broker. The next fault
 * comes only once {@link ChaosPlan#ordersBetweenFaults()} more checkouts have been answered after a
 * restart, so each fault meets a system that had recovered from the previous one and was busy.
 *
 * <p>On a three-broker stack a broker is lost instead of restarted, twice: first kill -9 of the node
 * that leads the most order partitions (before the service kills, so they meet a cluster that just
 * moved its leaders back), then, after them, of the leader of most partitions among the other two.
 * Each node stays down while {@link ChaosPlan#ordersBetweenFaults()} checkouts are answered on the
 * two that are left, is started again, and the next fault waits until every replica is back in sync:
 * only then does every partition have two replicas left after the next kill ({@code min.insync.replicas=2}).
 */
final class FaultSchedule {

    private static final Logger log = LoggerFactory.getLogger(FaultSchedule.class);
    private static final String ORDERS = PaymentTopics.ORDERS.name();
    /** Fencing after the 3 s broker session, then a new leader from the in-sync replicas; generous for a busy machine. */
    private static final Duration LEADERSHIP_MOVE_BOUND = Duration.ofSeconds(30);
    /** A node restarted after kill -9 recovers its logs, then catches up (BrokerLossIT: in sync 63 s after the kill). */
    private static final Duration IN_SYNC_LIMIT = Duration.ofMinutes(5);
    private static final List<String> CRASHED_IN_TURN = List.of(
            ServiceCatalogue.ORDER_SERVICE, ServiceCatalogue.NOTIFY_SERVICE, ServiceCatalogue.RECONCILIATION_SERVICE);

    /** One fault: what was done, when it began and when the member answered ready again. */
    record Fault(String what, Instant began, Instant recovered) {
        Duration outage() {
            return Duration.between(began, recovered);
        }
    }

    private final LocalStack stack;
    private final ChaosPlan plan;
    private final ChaosOrders orders;
    private final List<Fault> done = new ArrayList<>();
    private final List<BrokerOutage> outages = new ArrayList<>();

    FaultSchedule(LocalStack stack, ChaosPlan plan, ChaosOrders orders) {
        this.stack = stack;
        this.plan = plan;
        this.orders = orders;
    }

    /** Runs every fault in turn; returns them with their times. */
    List<Fault> run() {
        boolean cluster = stack.brokers().size() > 1;
        KafkaNodes kafka = new KafkaNodes(stack);
        awaitTraffic();
        if (cluster) {
            loseBroker(kafka, kafka.leaderOfMostPartitions(ORDERS));
            awaitTraffic();
        }
        for (String service : CRASHED_IN_TURN) {
            ServiceProcess process = stack.service(service);
            Instant began = Instant.now();
            process.kill();
            process.start();
            record("kill -9 + restart " + service, began);
            awaitTraffic();
        }
        if (cluster) {
            int first = outages.getFirst().victim();
            Map<Integer, Integer> led = kafka.leadersOf(ORDERS);
            // A different node from the first: the one leading the most order partitions now, the first one aside.
            int second = led.entrySet().stream().filter(entry -> entry.getKey() != first)
                    .max(Map.Entry.<Integer, Integer>comparingByValue()).map(Map.Entry::getKey)
                    .orElseGet(() -> IntStream.rangeClosed(1, kafka.count()).filter(node -> node != first).findFirst().orElseThrow());
            loseBroker(kafka, second);
        } else {
            KafkaBrokerProcess broker = stack.broker();
            Instant began = Instant.now();
            broker.stop();
            broker.start();
            record("restart broker", began);
        }
        // No wait here: the run measures, from this moment, how long the orders already placed take to settle.
        return List.copyOf(done);
    }

    /** The broker outages of a three-broker run, in order (none on one broker). */
    List<BrokerOutage> outages() {
        return List.copyOf(outages);
    }

    /**
     * kill -9 of {@code victim}; traffic goes on with two nodes until {@link ChaosPlan#ordersBetweenFaults()} more
     * checkouts are answered; started again; then every replica back in sync before anything else is done.
     */
    private void loseBroker(KafkaNodes kafka, int victim) {
        Map<Integer, Integer> leadersBefore = kafka.leadersOf(ORDERS);
        int controller = kafka.activeController();
        Instant killedAt = Instant.now();
        kafka.kill(victim);
        Instant leadershipMoved = kafka.awaitLeadershipMovedFrom(victim, ORDERS, LEADERSHIP_MOVE_BOUND);
        log.info("chaos: kill -9 of broker {} (leader of {} of {} partitions of {}; leaders before {}); leadership moved in {} ms",
                victim, leadersBefore.getOrDefault(victim, 0), PaymentTopics.ORDER_PARTITIONS, ORDERS, leadersBefore,
                Duration.between(killedAt, leadershipMoved).toMillis());
        awaitTraffic();
        Instant restartedAt = Instant.now();
        kafka.restart(victim);
        Instant backAt = Instant.now();
        record("kill -9 + restart broker " + victim, killedAt);
        Instant inSyncAt = kafka.awaitEveryReplicaInSync(IN_SYNC_LIMIT);
        BrokerOutage outage = new BrokerOutage(victim, leadersBefore.getOrDefault(victim, 0), controller, killedAt,
                leadershipMoved, restartedAt, backAt, inSyncAt);
        outages.add(outage);
        log.info("chaos: {}", outage.describe(PaymentTopics.ORDER_PARTITIONS, ORDERS));
    }

    private void record(String what, Instant began) {
        Fault fault = new Fault(what, began, Instant.now());
        done.add(fault);
        log.info("chaos: {} took {} ms; {} checkouts answered so far", what, fault.outage().toMillis(), orders.answeredCount());
    }

    /** Traffic is flowing: enough checkouts answered since the last fault (or since the start). */
    private void awaitTraffic() {
        int target = orders.answeredCount() + plan.ordersBetweenFaults();
        await("traffic flowing again (" + target + " checkouts answered)").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(250)).until(() -> orders.answeredCount() >= target);
    }
}
