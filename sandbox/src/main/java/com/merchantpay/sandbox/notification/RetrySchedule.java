package com.merchantpay.sandbox.notification;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** UseePay's resend intervals after a non-200 or a timeout (contract): 1m 3m 5m 10m 15m 15m 30m 1h. */
final class RetrySchedule {

    static final List<Duration> USEEPAY = List.of(
            Duration.ofMinutes(1), Duration.ofMinutes(3), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1));

    private RetrySchedule() {
    }

    /** The wait before retry number {@code retry} (0-based), or empty when UseePay gives up. */
    static Optional<Duration> waitBefore(int retry) {
        return retry < USEEPAY.size() ? Optional.of(USEEPAY.get(retry)) : Optional.empty();
    }
}
