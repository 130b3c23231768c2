package com.merchantpay.gateway.status;

/**
 * An order as the view knows it now.
 *
 * @param ownerOpenId   from CheckoutRequested (or OrderCreated); null while only OrderRejected was seen
 * @param itemsDigest   digest of the checkout's items, to tell a reused Idempotency-Key with another basket
 * @param payment       null until OrderCreated
 * @param rejection     null unless REJECTED
 */
public record OrderSnapshot(
        String orderNo,
        String ownerOpenId,
        String itemsDigest,
        OrderState state,
        PayParameters payment,
        Rejection rejection,
        boolean refundPending) {

    public record Rejection(String code, String message) {
    }

    public boolean ownedBy(String openId) {
        return ownerOpenId != null && ownerOpenId.equals(openId);
    }

    /** The order after one more fact. Facts only move an order forward; a final state never changes. */
    static OrderSnapshot apply(OrderSnapshot current, OrderFact fact) {
        OrderSnapshot order = current != null ? current
                : new OrderSnapshot(fact.orderNo(), null, null, OrderState.CREATING, null, null, false);
        boolean open = !order.state().isFinal();
        return switch (fact) {
            case OrderFact.CheckoutSeen seen -> order.withOwner(seen.openId()).withItems(seen.itemsDigest());
            case OrderFact.Created created -> order.withOwner(created.openId()).withPayment(created.payment())
                    .moveTo(order.state() == OrderState.CREATING ? OrderState.AWAITING_PAYMENT : order.state());
            case OrderFact.Rejected rejected -> order.state() == OrderState.CREATING
                    ? order.moveTo(OrderState.REJECTED).withRejection(new Rejection(rejected.reasonCode(), rejected.reasonMessage()))
                    : order;
            case OrderFact.Outcome outcome -> open ? order.moveTo(outcome.state()) : order;
            case OrderFact.RefundRequired ignored -> order.moveTo(open ? OrderState.CLOSED : order.state()).withRefundPending();
        };
    }

    private OrderSnapshot withOwner(String openId) {
        return ownerOpenId != null || openId == null ? this
                : new OrderSnapshot(orderNo, openId, itemsDigest, state, payment, rejection, refundPending);
    }

    private OrderSnapshot withItems(String digest) {
        return itemsDigest != null ? this
                : new OrderSnapshot(orderNo, ownerOpenId, digest, state, payment, rejection, refundPending);
    }

    private OrderSnapshot withPayment(PayParameters parameters) {
        return payment != null ? this
                : new OrderSnapshot(orderNo, ownerOpenId, itemsDigest, state, parameters, rejection, refundPending);
    }

    private OrderSnapshot withRejection(Rejection reason) {
        return new OrderSnapshot(orderNo, ownerOpenId, itemsDigest, state, payment, reason, refundPending);
    }

    private OrderSnapshot withRefundPending() {
        return new OrderSnapshot(orderNo, ownerOpenId, itemsDigest, state, payment, rejection, true);
    }

    private OrderSnapshot moveTo(OrderState next) {
        return new OrderSnapshot(orderNo, ownerOpenId, itemsDigest, next, payment, rejection, refundPending);
    }
}
