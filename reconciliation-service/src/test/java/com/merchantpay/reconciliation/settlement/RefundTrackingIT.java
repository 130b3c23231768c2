package com.merchantpay.reconciliation.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.psp.PspStatusQueried;
import com.merchantpay.events.reconciliation.ReconciliationGaveUp;
import com.merchantpay.reconciliation.support.ReconciliationScenario;
import com.merchantpay.reconciliation.support.RunningReconciler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Approved refunds the ledger never hears the end of. The reconciler asks UseePay about each under
 * the refund's own number and publishes what it finds keyed by the order, so notify-service's ledger
 * settles the refund as if the notification had come; a refund UseePay never heard of is given up
 * with an alert that names the order and the refund apart. UseePay's notifications go nowhere here:
 * every one is lost.
 */
class RefundTrackingIT extends ReconciliationScenario {

    /** Ten UseePay minutes (6 s here) instead of two hours, so that giving up fits in a test. */
    @BeforeAll
    static void shortSettleWindow() {
        reconciler.close();
        reconciler = RunningReconciler.start(sandbox(), "reconciliation.refund-settle-window=10m");
    }

    @Test
    void aRefundWhoseNotificationWasLostIsFoundByQueryUnderItsOwnNumber() {
        String orderNo = paidOrderWithItsOutcome("refund-found");
        String refundId = orderNo + "-r1";
        refundAtUseePay(refundId, orderNo, 400);

        events.refundApproved(orderNo, refundId, 400);

        await().atMost(Duration.ofSeconds(30)).until(() -> !refundFindings(orderNo, "succeed").isEmpty());
        PspStatusQueried finding = refundFindings(orderNo, "succeed").getFirst();
        assertThat(finding.getOrderNo()).as("the refund's own number").isEqualTo(refundId);
        assertThat(finding.getOriginalOrderNo()).as("the order it refunds").isEqualTo(orderNo);
        assertThat(finding.getAmountMinor()).isEqualTo(400);
        assertThat(finding.getTraceId()).isEqualTo("trace-" + refundId);
        assertThat(useePay.queries(refundId)).as("queries of the refund").isPositive();

        // Once a final status was seen nothing more is asked, and nothing is given up.
        awaitReconcilerRead();
        long queries = useePay.queries(refundId);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
            assertThat(useePay.queries(refundId)).isEqualTo(queries);
            assertThat(gaveUps(orderNo)).isEmpty();
        });
        assertThat(refundFindings(orderNo, "succeed")).as("one final finding").hasSize(1);
    }

    @Test
    void aRefundUseePayNeverHeardOfIsGivenUpNamingTheOrderAndTheRefund() {
        String orderNo = paidOrderWithItsOutcome("refund-unknown");
        String refundId = orderNo + "-r1";

        events.refundApproved(orderNo, refundId, 1000); // approved, but the call never reached UseePay

        await().atMost(Duration.ofSeconds(45)).until(() -> !gaveUps(orderNo).isEmpty());
        ReconciliationGaveUp gaveUp = gaveUps(orderNo).getFirst();
        assertThat(gaveUp.getOrderNo()).isEqualTo(orderNo);
        assertThat(gaveUp.getRefundId()).isEqualTo(refundId);
        assertThat(gaveUp.getLastStatusSeen()).isEqualTo("not_found");
        assertThat(gaveUp.getQueriesMade()).isPositive();
        assertThat(refundFindings(orderNo)).as("every query reported").isNotEmpty()
                .allSatisfy(finding -> assertThat(finding.getStatus()).isEqualTo("not_found"));
        assertThat(useePay.refundsOf(orderNo)).as("the reconciler asks, it never refunds").isEmpty();
        awaitReconcilerRead();
        assertThat(gaveUps(orderNo)).as("given up once").hasSize(1);
    }

    /** A paid order whose outcome the reconciler has already read, so only the refund is left to ask about. */
    private static String paidOrderWithItsOutcome(String scenario) {
        String orderNo = placedOrder(scenario, 20);
        useePay.pay(orderNo);
        events.paymentSucceeded(orderNo, "notification-finding");
        return orderNo;
    }

    private static List<PspStatusQueried> refundFindings(String orderNo) {
        return findings(orderNo).stream().filter(finding -> "refund".equals(finding.getTransactionType())).toList();
    }

    private static List<PspStatusQueried> refundFindings(String orderNo, String status) {
        return refundFindings(orderNo).stream().filter(finding -> status.equals(finding.getStatus())).toList();
    }
}
