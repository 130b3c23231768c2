package com.merchantpay.localstack.service;

import java.time.Duration;

/**
 * The knobs of the services' world that a stack may turn.
 *
 * @param timeScale   multiplies every UseePay/WeChat duration in the sandbox (order expiry, code
 *                    lifetime, notification resends) and, to match, the reconciler's schedule;
 *                    1.0 is real time, 0.01 turns a minute into 600 ms
 * @param orderExpiry how long UseePay keeps an unpaid order open, in whole minutes (1 to 20), as
 *                    order-service asks for it; the sandbox then scales it by {@code timeScale}
 */
public record ServiceSettings(double timeScale, Duration orderExpiry) {

    public static final ServiceSettings REAL_TIME = new ServiceSettings(1.0, Duration.ofMinutes(15));

    public ServiceSettings {
        if (!(timeScale > 0 && timeScale <= 1000)) {
            throw new IllegalArgumentException("time scale must be in (0, 1000], was " + timeScale);
        }
        if (orderExpiry.toSeconds() % 60 != 0 || orderExpiry.toMinutes() < 1 || orderExpiry.toMinutes() > 20) {
            throw new IllegalArgumentException("order expiry must be 1 to 20 whole minutes (UseePay's rule), was " + orderExpiry);
        }
    }

    public ServiceSettings withTimeScale(double scale) {
        return new ServiceSettings(scale, orderExpiry);
    }

    public ServiceSettings withOrderExpiry(Duration expiry) {
        return new ServiceSettings(timeScale, expiry);
    }

    /** The expiry as the sandbox enforces it, in real time. */
    public Duration scaledOrderExpiry() {
        return Duration.ofNanos(Math.round(orderExpiry.toNanos() * timeScale));
    }
}
