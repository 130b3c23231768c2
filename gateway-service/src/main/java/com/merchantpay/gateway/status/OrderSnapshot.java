package com.merchantpay.gateway.status;

/**
 * An order as the view knows it now.
 *
 * @param ownerOpenId   from CheckoutRequested (or OrderCreated); null while only OrderRejected was seen
 * @param itemsDigest   digest of the checkout's items, to tell a reused Idempotency-Key with another basket
 * @param payment       null until OrderCreated
 * @param rejection     null unless REJECTED
 * @param money         null until money was taken (PaymentSucceeded, or a late payment's RefundRequired)
 */
public record OrderSnapshot(
        String orderNo,
        String ownerOpenId,
        String itemsDigest,
        OrderState state,
        PayParameters payment,
        Rejection rejection,
        boolean refundPending,
        Money money) {

    public record Rejection(String code, String message) {
    }

    /** What UseePay took for the order and how much of it went back by refunds that succeeded. */
    public record Money(long paidMinor, long refundedMinor, String currency) {

        Money refunded(long totalMinor) {
            // The total is cumulative: a duplicate or an older refund event never lowers it.
            return new Money(paidMinor, Math.max(refundedMinor, totalMinor), currency);
        }

        boolean allBack() {
            return refundedMinor >= paidMinor;
        }
    }

    public boolean ownedBy(String openId) {
        return ownerOpenId != null && ownerOpenId.equals(openId);
    }

    /** The order after one more fact. Facts only move an order forward; a decided outcome never changes. */
    static OrderSnapshot apply(OrderSnapshot current, OrderFact fact) {
        OrderSnapshot order = current != null ? current
                : new OrderSnapshot(fact.orderNo(), null, null, OrderState.CREATING, null, null, false, null);
        boolean open = !order.state().isFinal();
        return switch (fact) {
            case OrderFact.CheckoutSeen seen -> order.withOwner(seen.openId()).withItems(seen.itemsDigest());
            case OrderFact.Created created -> order.withOwner(created.openId()).withPayment(created.payment())
                    .moveTo(order.state() == OrderState.CREATING ? OrderState.AWAITING_PAYMENT : order.state());
            case OrderFact.Rejected rejected -> order.state() == OrderState.CREATING
                    ? order.moveTo(OrderState.REJECTED).withRejection(new Rejection(rejected.reasonCode(), rejected.reasonMessage()))
                    : order;
            case OrderFact.Paid paid -> open
                    ? order.moveTo(OrderState.PAID).withMoney(new Money(paid.amountMinor(), 0, paid.currency()))
                    : order;
            case OrderFact.Unpaid unpaid -> open ? order.moveTo(unpaid.state()) : order;
            case OrderFact.RefundRequired late -> order.moveTo(open ? OrderState.CLOSED : order.state())
                    .withRefundPending(order.state() != OrderState.REFUNDED)
                    .withMoney(order.money() != null ? order.money() : new Money(late.amountMinor(), 0, late.currency()));
            case OrderFact.Refunded refunded -> order.refunded(refunded);
        };
    }

    /** A refund that succeeded: only an order that took money moves, and never backwards. */
    private OrderSnapshot refunded(OrderFact.Refunded refunded) {
        Money taken = money != null ? money : new Money(refunded.paidMinor(), 0, refunded.currency());
        Money now = taken.refunded(refunded.refundedTotalMinor());
        if (now.allBack()) {
            return moveTo(OrderState.REFUNDED).withMoney(now).withRefundPending(false);
        }
        return moveTo(state == OrderState.REFUNDED ? state : OrderState.PARTIALLY_REFUNDED).withMoney(now);
    }

    private OrderSnapshot withOwner(String openId) {
        return ownerOpenId != null || openId == null ? this
                : new OrderSnapshot(orderNo, openId, itemsDigest, state, payment, rejection, refundPending, money);
    }

    private OrderSnapshot withItems(String digest) {
        return itemsDigest != null ? this
                : new OrderSnapshot(orderNo, ownerOpenId, digest, state, payment, rejection, refundPending, money);
    }

    private OrderSnapshot withPayment(PayParameters parameters) {
        return payment != null ? this
                : new OrderSnapshot(orderNo, ownerOpenId, itemsDigest, state, parameters, rejection, refundPending, money);
    }

    private OrderSnapshot withRejection(Rejection reason) {
        return new OrderSnapshot(orderNo, ownerOpenId, itemsDigest, state, payment, reason, refundPending, money);
    }

    private OrderSnapshot withRefundPending(boolean pending) {
        return new OrderSnapshot(orderNo, ownerOpenId, itemsDigest, state, payment, rejection, pending, money);
    }

    private OrderSnapshot withMoney(Money now) {
        return new OrderSnapshot(orderNo, ownerOpenId, itemsDigest, state, payment, rejection, refundPending, now);
    }

    private OrderSnapshot moveTo(OrderState next) {
        return new OrderSnapshot(orderNo, ownerOpenId, itemsDigest, next, payment, rejection, refundPending, money);
    }
}
