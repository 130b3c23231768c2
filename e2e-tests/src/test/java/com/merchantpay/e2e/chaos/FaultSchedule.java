package com.merchantpay.e2e.chaos;

import static org.awaitility.Awaitility.await;

import com.merchantpay.localstack.LocalStack;
import com.merchantpay.localstack.broker.KafkaBrokerProcess;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process faults of the chaos run, one after the other while traffic flows: kill -9 and restart
 * order-service, notify-service, reconciliation-service, then restart the broker. The next fault
 * comes only once {@link ChaosPlan#ordersBetweenFaults()} more checkouts have been answered after a
 * restart, so each fault meets a system that had recovered from the previous one and was busy.
 */
final class FaultSchedule {

    private static final Logger log = LoggerFactory.getLogger(FaultSchedule.class);
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

    FaultSchedule(LocalStack stack, ChaosPlan plan, ChaosOrders orders) {
        this.stack = stack;
        this.plan = plan;
        this.orders = orders;
    }

    /** Runs every fault in turn; returns them with their times. */
    List<Fault> run() {
        awaitTraffic();
        for (String service : CRASHED_IN_TURN) {
            ServiceProcess process = stack.service(service);
            Instant began = Instant.now();
            process.kill();
            process.start();
            record("kill -9 + restart " + service, began);
            awaitTraffic();
        }
        KafkaBrokerProcess broker = stack.broker();
        Instant began = Instant.now();
        broker.stop();
        broker.start();
        record("restart broker", began);
        // No wait here: the run measures, from this moment, how long the orders already placed take to settle.
        return List.copyOf(done);
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
