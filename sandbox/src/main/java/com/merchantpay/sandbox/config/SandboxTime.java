package com.merchantpay.sandbox.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The sandbox's sense of time: UseePay's and WeChat's minutes shrunk by {@code sandbox.time-scale}
 * so that expiry and the retry schedule can be tested in seconds.
 */
@Component
public class SandboxTime {

    private final double scale;
    private final Clock clock;

    public SandboxTime(SandboxProperties properties) {
        this.scale = properties.timeScale();
        this.clock = Clock.systemUTC();
    }

    /** A PSP-side duration as it passes in this sandbox. */
    public Duration scaled(Duration psp) {
        return Duration.ofNanos(Math.max(1, Math.round(psp.toNanos() * scale)));
    }

    public Instant now() {
        return clock.instant();
    }
}
