package com.merchantpay.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.outcome.PaymentFailed;
import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.events.outcome.RefundRequired;
import com.merchantpay.events.psp.PspNotificationVerified;
import com.merchantpay.notify.support.RunningNotifyService;
import com.merchantpay.schemas.ids.EventIds;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UseePay (the sandbox) posts real notifications to the running service; outcomes are read from the topic. */
class NotificationToOutcomeIT extends RunningNotifyService {

    private static final Duration OUTCOME_WAIT = Duration.ofSeconds(30);

    @Test
    void aPaidOrderEndsWithExactlyOnePaymentSucceeded() {
        String orderNo = newOrderNo("paid");
        placeOrder(orderNo);
        sandbox.pay(orderNo);

        await().atMost(OUTCOME_WAIT).until(() -> outcomeKinds(orderNo).equals(List.of("PaymentSucceeded")));
        PaymentSucceeded succeeded = (PaymentSucceeded) outcomes(orderNo).getFirst();
        assertThat(succeeded.getEventId()).isEqualTo(EventIds.deterministic(orderNo, "outcome"));
        assertThat(succeeded.getAmountMinor()).isEqualTo(AMOUNT);
        assertThat(succeeded.getDecidedBy()).isEqualTo("notification");
        assertThat(sandbox.counters(orderNo).notificationsAcknowledged()).isEqualTo(1);
        awaitProcessed();
        assertThat(outcomeKinds(orderNo)).containsExactly("PaymentSucceeded");
        assertThat(tap().records(ALERTS, orderNo)).isEmpty();
    }

    @Test
    void aDuplicatedNotificationIsAcknowledgedTwiceAndCollapsesToOneOutcome() {
        String orderNo = newOrderNo("duplicate");
        placeOrder(orderNo);
        sandbox.faults("{\"rules\":{\"NOTIFY_DUPLICATE\":{\"next\":1}}}");
        sandbox.pay(orderNo);

        await().atMost(OUTCOME_WAIT).until(() -> sandbox.counters(orderNo).notificationsAcknowledged() == 2);
        await().atMost(OUTCOME_WAIT).until(() -> tap().records(FINDINGS, orderNo).size() == 2);
        awaitProcessed();
        List<PspNotificationVerified> findings = tap().events(FINDINGS, orderNo).stream()
                .map(PspNotificationVerified.class::cast).toList();
        assertThat(findings.get(0).getEventId()).as("same notification, same id").isEqualTo(findings.get(1).getEventId());
        assertThat(outcomeKinds(orderNo)).containsExactly("PaymentSucceeded");
    }

    @Test
    void aForgedCopyIsRefusedCountedAndNeverAnOutcome() {
        String orderNo = newOrderNo("forged");
        placeOrder(orderNo);
        double refusedBefore = counter("notify.notifications", "result", "refused", "reason", "BAD_SIGNATURE");
        sandbox.faults("{\"rules\":{\"NOTIFY_BAD_SIGNATURE\":{\"next\":1}}}");
        sandbox.pay(orderNo);

        await().atMost(OUTCOME_WAIT).until(() -> outcomeKinds(orderNo).equals(List.of("PaymentSucceeded")));
        assertThat(sandbox.counters(orderNo).forgedNotificationsSent()).isEqualTo(1);
        assertThat(counter("notify.notifications", "result", "refused", "reason", "BAD_SIGNATURE")).isEqualTo(refusedBefore + 1);
        awaitProcessed();
        assertThat(tap().records(FINDINGS, orderNo)).as("only the genuine one was written").hasSize(1);
    }

    @Test
    void aCopyForAnotherMerchantIsRefused() {
        String orderNo = newOrderNo("other-merchant");
        placeOrder(orderNo);
        double refusedBefore = counter("notify.notifications", "result", "refused", "reason", "WRONG_MERCHANT");
        sandbox.faults("{\"rules\":{\"NOTIFY_WRONG_MERCHANT\":{\"next\":1}}}");
        sandbox.pay(orderNo);

        await().atMost(OUTCOME_WAIT).until(() -> outcomeKinds(orderNo).equals(List.of("PaymentSucceeded")));
        assertThat(counter("notify.notifications", "result", "refused", "reason", "WRONG_MERCHANT")).isEqualTo(refusedBefore + 1);
        awaitProcessed();
        assertThat(tap().records(FINDINGS, orderNo)).hasSize(1);
    }

    @Test
    void aWrongAmountIsAnAlertAndNeverAnOutcome() {
        assertMismatchIsOnlyAnAlert("NOTIFY_WRONG_AMOUNT", "wrong-amount");
    }

    @Test
    void aWrongCurrencyIsAnAlertAndNeverAnOutcome() {
        assertMismatchIsOnlyAnAlert("NOTIFY_WRONG_CURRENCY", "wrong-currency");
    }

    /** The sandbox sends a correctly signed copy with the wrong value first, then the genuine one. */
    private void assertMismatchIsOnlyAnAlert(String fault, String prefix) {
        String orderNo = newOrderNo(prefix);
        placeOrder(orderNo);
        sandbox.faults("{\"rules\":{\"" + fault + "\":{\"next\":1}}}");
        sandbox.pay(orderNo);

        await().atMost(OUTCOME_WAIT).until(() -> alertKinds(orderNo).contains("PaymentAmountMismatch")
                && outcomeKinds(orderNo).equals(List.of("PaymentSucceeded")));
        assertThat(sandbox.counters(orderNo).forgedNotificationsSent()).isEqualTo(1);
        awaitProcessed();
        assertThat(outcomeKinds(orderNo)).containsExactly("PaymentSucceeded");
        assertThat(alertKinds(orderNo)).containsExactly("PaymentAmountMismatch");
    }

    @Test
    void aNotificationBeforeOrderCreatedWaitsIsAlertedAndStillSettlesTheLateOrder() {
        String orderNo = newOrderNo("early");
        placeAtUseePay(orderNo);
        sandbox.pay(orderNo);

        await().atMost(OUTCOME_WAIT).until(() -> alertKinds(orderNo).equals(List.of("FindingWithoutOrder")));
        awaitProcessed();
        assertThat(outcomes(orderNo)).isEmpty();
        publishOrderCreated(orderNo);
        await().atMost(OUTCOME_WAIT).until(() -> outcomeKinds(orderNo).equals(List.of("PaymentSucceeded")));
    }

    @Test
    void paidAfterCloseIsOneOrderClosedAndOneRefundRequired() {
        String orderNo = newOrderNo("paid-after-close");
        placeOrder(orderNo);
        sandbox.faults("{\"paidAfterClose\":true}");
        sandbox.expire(orderNo);

        await().atMost(OUTCOME_WAIT).until(() -> outcomeKinds(orderNo).equals(List.of("OrderClosed", "RefundRequired")));
        awaitProcessed();
        assertThat(outcomeKinds(orderNo)).containsExactly("OrderClosed", "RefundRequired");
        RefundRequired refund = (RefundRequired) outcomes(orderNo).get(1);
        assertThat(refund.getAmountMinor()).isEqualTo(AMOUNT);
        assertThat(refund.getReason()).isEqualTo("PAID_AFTER_CLOSED");
    }

    @Test
    void aFailedPaymentEndsWithOnePaymentFailed() {
        String orderNo = newOrderNo("failed");
        placeOrder(orderNo);
        sandbox.fail(orderNo);

        await().atMost(OUTCOME_WAIT).until(() -> outcomeKinds(orderNo).equals(List.of("PaymentFailed")));
        awaitProcessed();
        assertThat(outcomes(orderNo)).singleElement()
                .satisfies(outcome -> assertThat(((PaymentFailed) outcome).getStatus()).isEqualTo("failed"));
    }

    @Test
    void aRefundNotificationIsRecordedUnderItsOrderAndIsNoSecondPayment() {
        String orderNo = newOrderNo("refunded");
        placeOrder(orderNo);
        sandbox.pay(orderNo);
        await().atMost(OUTCOME_WAIT).until(() -> outcomeKinds(orderNo).equals(List.of("PaymentSucceeded")));

        String refundNo = "R" + orderNo;
        assertThat(refundAtUseePay(orderNo, refundNo, AMOUNT)).contains("received");

        await().atMost(OUTCOME_WAIT).until(() -> tap().events(FINDINGS, orderNo).stream()
                .map(PspNotificationVerified.class::cast).anyMatch(finding -> "refund".equals(finding.getTransactionType())));
        PspNotificationVerified refund = tap().events(FINDINGS, orderNo).stream()
                .map(PspNotificationVerified.class::cast).filter(finding -> "refund".equals(finding.getTransactionType()))
                .findFirst().orElseThrow();
        assertThat(refund.getOrderNo()).isEqualTo(refundNo);
        assertThat(refund.getOriginalOrderNo()).isEqualTo(orderNo);
        awaitProcessed();
        assertThat(outcomeKinds(orderNo)).containsExactly("PaymentSucceeded");
        assertThat(alertKinds(orderNo)).isEmpty();
    }
}
