package com.merchantpay.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The view's horizon is measured from when an order began, so an instance that loaded only the
 * horizon's worth of the topics holds exactly the orders a long-running instance holds.
 */
class OrderViewTest {

    private static final long HOUR = 3_600_000L;
    private static final PayParameters PAY = new PayParameters("1700000000", "nonce", "prepay_id=wx1", "RSA", "sig");

    @Test
    void anOrderIsArchivedByWhenItBeganNotByItsLastChange() {
        OrderView view = new OrderView(new SimpleMeterRegistry());
        view.apply(new OrderFact.CheckoutSeen("MPOLD", "alice", "d"), 0);
        view.apply(new OrderFact.Created("MPOLD", "alice", PAY), 0);
        view.apply(new OrderFact.Paid("MPOLD", 1_000, "HKD"), HOUR);
        view.apply(new OrderFact.Refunded("MPOLD", 1_000, 1_000, "HKD"), 23 * HOUR); // late, but the order began at 0
        view.apply(new OrderFact.CheckoutSeen("MPNEW", "bob", "d"), 2 * HOUR);

        int archived = view.forgetBegunBefore(HOUR);

        assertThat(archived).isEqualTo(1);
        assertThat(view.find("MPOLD")).isEmpty();
        assertThat(view.find("MPNEW")).hasValueSatisfying(order -> assertThat(order.ownedBy("bob")).isTrue());
    }

    @Test
    void aFactReadBeforeItsCheckoutDoesNotMoveWhenTheOrderBegan() {
        OrderView view = new OrderView(new SimpleMeterRegistry());
        // The feed reads three topics side by side: an outcome may be applied before the checkout.
        view.apply(new OrderFact.Paid("MPX", 1_000, "HKD"), 5 * HOUR);
        view.apply(new OrderFact.CheckoutSeen("MPX", "alice", "d"), HOUR);

        assertThat(view.forgetBegunBefore(2 * HOUR)).isEqualTo(1);
        assertThat(view.find("MPX")).isEmpty();
    }
}
