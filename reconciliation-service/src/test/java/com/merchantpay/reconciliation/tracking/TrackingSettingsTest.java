package com.merchantpay.reconciliation.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.reconciliation.schedule.QueryTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackingSettingsTest {

    private static final Instant CREATED = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant ASKED_EXPIRY = CREATED.plus(Duration.ofMinutes(10));

    @Test
    void inProductionTheExpiryIsTheOneOrderServiceAnnounced() {
        assertThat(settings(1.0).useePayExpiry(CREATED, ASKED_EXPIRY)).isEqualTo(ASKED_EXPIRY);
    }

    @Test
    void aTimeScaledUseePayClosesTheOrderAfterTheScaledLifetime() {
        // 10 UseePay minutes at 0.02 last 12 s of real time, as the sandbox runs them.
        assertThat(settings(0.02).useePayExpiry(CREATED, ASKED_EXPIRY)).isEqualTo(CREATED.plusSeconds(12));
    }

    private static TrackingSettings settings(double timeScale) {
        QueryTimeline timeline = new QueryTimeline(Duration.ofSeconds(30), List.of(Duration.ofMinutes(1)),
                Duration.ofMinutes(2), Duration.ofHours(1), Duration.ofSeconds(5), Duration.ofMinutes(5));
        return new TrackingSettings(timeline, Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofDays(7),
                Duration.ofHours(2), timeScale);
    }
}
