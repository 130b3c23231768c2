package com.merchantpay.reconciliation.support;

import com.merchantpay.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A running reconciler per test class, the shared sandbox, and the other services played by the
 * test: order-service (OrderCreated) and the outcome processor (outcomes), since only what the
 * reconciler publishes is under test here. One UseePay minute is {@link #MINUTE} of real time.
 */
public abstract class ReconciliationScenario {

    protected static final Duration MINUTE = Duration.ofMillis(Math.round(60_000 * SandboxProcess.TIME_SCALE));

    protected static SandboxProcess sandbox;
    protected static SandboxAdmin useePay;
    protected static PaymentEvents events;
    protected static PublishedEvents published;
    protected static RunningReconciler reconciler;

    @BeforeAll
    static void startReconciler() {
        SharedInfrastructure.provisionPaymentTopics();
        sandbox = SandboxProcess.shared();
        useePay = new SandboxAdmin(sandbox);
        events = new PaymentEvents();
        published = new PublishedEvents();
        reconciler = RunningReconciler.start(sandbox);
    }

    @AfterAll
    static void stopReconciler() {
        if (reconciler != null) {
            reconciler.close();
        }
        published.close();
        events.close();
        useePay.close();
    }

    @AfterEach
    void switchesOff() {
        useePay.noFaults();
    }

    protected static String newOrderNo(String scenario) {
        return scenario + "-" + UUID.randomUUID().toString().substring(0, 18);
    }

    /** An order UseePay holds, announced as order-service would; expiry in UseePay minutes. */
    protected static String placedOrder(String scenario, int expiryMinutes) {
        String orderNo = newOrderNo(scenario);
        Instant created = Instant.now();
        useePay.createOrder(orderNo, expiryMinutes);
        events.orderCreated(orderNo, created, created.plus(MINUTE.multipliedBy(expiryMinutes)));
        return orderNo;
    }
}
