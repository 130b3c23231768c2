package com.merchantpay.reconciliation.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.psp.PspStatusQueried;
import com.merchantpay.reconciliation.support.ReconciliationScenario;
import com.merchantpay.reconciliation.support.RunningReconciler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The schedule lives in Kafka: a reconciler started on an empty disk carries on where the last one stopped. */
class ReconcilerRestartIT extends ReconciliationScenario {

    @Test
    void aRestartInTheMiddleOfAScheduleResumesItFromTheStore() {
        useePay.faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0,\"next\":0}}}");
        String orderNo = placedOrder("restart", 20);
        await().atMost(Duration.ofSeconds(15)).until(() -> !findings(orderNo, "received").isEmpty());
        assertThat(findings(orderNo, "received").getFirst().getAttempt()).isEqualTo(1);

        reconciler.close();
        useePay.pay(orderNo); // paid while no reconciler runs; the notification is lost
        reconciler = RunningReconciler.start(sandbox());

        await().atMost(Duration.ofSeconds(20)).until(() -> !findings(orderNo, "succeed").isEmpty());
        PspStatusQueried succeed = findings(orderNo, "succeed").getFirst();
        assertThat(succeed.getAttempt()).as("the schedule went on from attempt 1, not from scratch").isEqualTo(2);
        assertThat(useePay.queries(orderNo)).isEqualTo(2);
        assertThat(findings(orderNo)).hasSize(2);
    }
}
