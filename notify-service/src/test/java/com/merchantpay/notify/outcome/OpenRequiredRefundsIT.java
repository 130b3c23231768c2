package com.merchantpay.notify.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.refund.RefundApproved;
import com.merchantpay.events.refund.RefundSucceeded;
import com.merchantpay.notify.support.PaymentInputs;
import com.merchantpay.notify.support.RunningNotifyService;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The refund-owed gauges an operator alerts on, fed by real records: a payment that lands after its
 * order closed owes the buyer the money until UseePay reports the whole amount refunded. The sandbox
 * plays UseePay (the late payment, then the refund and its notifications); the test plays
 * order-service between the processor's approval and UseePay.
 */
class OpenRequiredRefundsIT extends RunningNotifyService {

    private static final String OPEN = "notify.refunds.required.open";
    private static final String OLDEST_AGE = "notify.refunds.required.oldest_age";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aPaidAfterCloseOrderIsOpenUntilUseePayReportsItsWholeRefundSucceeded() {
        // Orders of other tests in this JVM stay open (nobody refunds them): count from what is open now.
        // Every earlier RefundRequired has been committed once the processor has caught up.
        awaitProcessed();
        double openBefore = gauge(OPEN);
        String orderNo = newOrderNo("refund-owed");
        paidAfterItClosed(orderNo);

        awaitOpen(openBefore + 1);
        assertThat(gauge(OLDEST_AGE)).as("oldest open one's age").isPositive();

        // The processor approves its own automatic request for the whole amount; order-service would
        // then ask UseePay under the approved refund id and record that UseePay accepted it.
        RefundApproved approved = await().atMost(WAIT)
                .until(() -> tap().events(REFUNDS, orderNo, RefundApproved.class), approvals -> !approvals.isEmpty()).getFirst();
        assertThat(approved.getAmountMinor()).isEqualTo(AMOUNT);
        assertThat(refundAtUseePay(orderNo, approved.getRefundId(), approved.getAmountMinor())).contains("received");
        send(REFUNDS, orderNo, PaymentInputs.refundSubmitted(orderNo, approved.getRefundId(), "ACCEPTED"));

        await().atMost(WAIT).until(() -> outcomeKinds(orderNo).contains("RefundSucceeded"));
        RefundSucceeded succeeded = (RefundSucceeded) outcomes(orderNo).getLast();
        assertThat(succeeded.getRefundedTotalMinor()).isEqualTo(succeeded.getPaidMinor());
        awaitOpen(openBefore);
    }

    /** A restart (a deployment) builds the topology again; the refund still owed must not vanish from the gauge. */
    @Test
    void aRefundStillOwedIsReportedAgainOnceTheProcessorRestarted() {
        awaitProcessed();
        double openBefore = gauge(OPEN);
        String orderNo = newOrderNo("owed-over-restart");
        paidAfterItClosed(orderNo);
        awaitOpen(openBefore + 1);

        outcomeStreams.stop();
        outcomeStreams.start();

        await().atMost(WAIT).until(() -> outcomeStreams.state() == KafkaStreams.State.RUNNING);
        awaitOpen(openBefore + 1);
        assertThat(gauge(OLDEST_AGE)).as("oldest open one's age").isPositive();
    }

    /** The sandbox's payment that races the expiry: OrderClosed, then a payment that must go back. */
    private void paidAfterItClosed(String orderNo) {
        placeOrder(orderNo);
        sandbox.faults("{\"paidAfterClose\":true}");
        sandbox.expire(orderNo);
        await().atMost(WAIT).until(() -> outcomeKinds(orderNo).equals(List.of("OrderClosed", "RefundRequired")));
    }

    /** Each task reports its open refunds every wait-check interval: the gauge follows within one. */
    private void awaitOpen(double expected) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(gauge(OPEN)).as("open required refunds").isEqualTo(expected));
    }
}
