package com.merchantpay.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The order state machine: facts only move an order forward, whatever order the topics deliver them in. */
class OrderSnapshotTest {

    private static final String ORDER = "MPTEST";
    private static final PayParameters PAY = new PayParameters("1700000000", "nonce", "prepay_id=wx1", "RSA", "sig");

    @Test
    void theHappyPath() {
        OrderSnapshot order = replay(new OrderFact.CheckoutSeen(ORDER, "alice", "d"),
                new OrderFact.Created(ORDER, "alice", PAY),
                new OrderFact.Paid(ORDER, 5_000, "HKD"));

        assertThat(order.state()).isEqualTo(OrderState.PAID);
        assertThat(order.ownedBy("alice")).isTrue();
        assertThat(order.payment()).isEqualTo(PAY);
    }

    @Test
    void aFinalStateNeverChanges() {
        OrderSnapshot order = replay(new OrderFact.CheckoutSeen(ORDER, "alice", "d"),
                new OrderFact.Paid(ORDER, 5_000, "HKD"),
                new OrderFact.Unpaid(ORDER, OrderState.CLOSED),
                new OrderFact.Created(ORDER, "alice", PAY),
                new OrderFact.Rejected(ORDER, "X", "x"));

        assertThat(order.state()).isEqualTo(OrderState.PAID);
        assertThat(order.rejection()).isNull();
    }

    @Test
    void aVerdictReadBeforeTheCheckoutKeepsItsStateAndGainsTheOwner() {
        OrderSnapshot order = replay(new OrderFact.Rejected(ORDER, "UNKNOWN_PRODUCT", "no such product"),
                new OrderFact.CheckoutSeen(ORDER, "alice", "d"));

        assertThat(order.state()).isEqualTo(OrderState.REJECTED);
        assertThat(order.ownedBy("alice")).isTrue();
        assertThat(order.rejection().code()).isEqualTo("UNKNOWN_PRODUCT");
    }

    @Test
    void theOwnerIsNeverReplaced() {
        OrderSnapshot order = replay(new OrderFact.CheckoutSeen(ORDER, "alice", "d"), new OrderFact.Created(ORDER, "mallory", PAY));

        assertThat(order.ownedBy("alice")).isTrue();
        assertThat(order.ownedBy("mallory")).isFalse();
    }

    @Test
    void moneyAfterCloseIsClosedWithARefundPending() {
        OrderSnapshot order = replay(new OrderFact.Created(ORDER, "alice", PAY),
                new OrderFact.Unpaid(ORDER, OrderState.CLOSED), new OrderFact.RefundRequired(ORDER, 5_000, "HKD"));

        assertThat(order.state()).isEqualTo(OrderState.CLOSED);
        assertThat(order.refundPending()).isTrue();
        assertThat(order.money()).isEqualTo(new OrderSnapshot.Money(5_000, 0, "HKD"));
    }

    @Test
    void partialRefundsThenTheRestMoveAPaidOrderToRefundedAndNeverBack() {
        OrderSnapshot partly = replay(new OrderFact.CheckoutSeen(ORDER, "alice", "d"),
                new OrderFact.Paid(ORDER, 5_000, "HKD"),
                new OrderFact.Refunded(ORDER, 1_000, 5_000, "HKD"));

        assertThat(partly.state()).isEqualTo(OrderState.PARTIALLY_REFUNDED);
        assertThat(partly.money()).isEqualTo(new OrderSnapshot.Money(5_000, 1_000, "HKD"));

        OrderSnapshot all = replay(new OrderFact.CheckoutSeen(ORDER, "alice", "d"),
                new OrderFact.Paid(ORDER, 5_000, "HKD"),
                new OrderFact.Refunded(ORDER, 1_000, 5_000, "HKD"),
                new OrderFact.Refunded(ORDER, 5_000, 5_000, "HKD"),
                // A replayed older refund, a replayed payment and a stray outcome change nothing.
                new OrderFact.Refunded(ORDER, 1_000, 5_000, "HKD"),
                new OrderFact.Paid(ORDER, 5_000, "HKD"),
                new OrderFact.Unpaid(ORDER, OrderState.CLOSED));

        assertThat(all.state()).isEqualTo(OrderState.REFUNDED);
        assertThat(all.money()).isEqualTo(new OrderSnapshot.Money(5_000, 5_000, "HKD"));
    }

    @Test
    void aLatePaymentRefundedInFullIsRefundedAndNoLongerPending() {
        OrderSnapshot order = replay(new OrderFact.Created(ORDER, "alice", PAY),
                new OrderFact.Unpaid(ORDER, OrderState.CLOSED),
                new OrderFact.RefundRequired(ORDER, 5_000, "HKD"),
                new OrderFact.Refunded(ORDER, 5_000, 5_000, "HKD"),
                new OrderFact.RefundRequired(ORDER, 5_000, "HKD"));

        assertThat(order.state()).isEqualTo(OrderState.REFUNDED);
        assertThat(order.refundPending()).isFalse();
        assertThat(order.money()).isEqualTo(new OrderSnapshot.Money(5_000, 5_000, "HKD"));
    }

    @Test
    void anUnownedOrderIsNobodys() {
        OrderSnapshot order = replay(new OrderFact.Rejected(ORDER, "X", "x"));

        assertThat(order.ownedBy(null)).isFalse();
        assertThat(order.ownedBy("alice")).isFalse();
    }

    private static OrderSnapshot replay(OrderFact... facts) {
        OrderSnapshot order = null;
        for (OrderFact fact : List.of(facts)) {
            order = OrderSnapshot.apply(order, fact);
        }
        return order;
    }
}
