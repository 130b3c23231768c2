package com.merchantpay.notify.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OpenRequiredRefundsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final OpenRequiredRefunds open = new OpenRequiredRefunds(meters, now::get);

    @Test
    void bothGaugesExistAtZeroBeforeAnyTaskReports() {
        assertThat(meters.get("notify.refunds.required.open").gauge().value()).isZero();
        assertThat(meters.get("notify.refunds.required.oldest_age").gauge().value()).isZero();
    }

    @Test
    void theCountAddsUpTasksAndTheAgeIsTheOldestOpenOnes() {
        open.report("0_1", 2, 400_000);
        open.report("0_2", 1, 700_000);
        open.report("0_3", 0, Long.MAX_VALUE);

        assertThat(meters.get("notify.refunds.required.open").gauge().value()).isEqualTo(3);
        assertThat(meters.get("notify.refunds.required.oldest_age").gauge().value()).isEqualTo(600);
    }

    @Test
    void aClosedTaskNoLongerCountsHere() {
        open.report("0_1", 2, 400_000);
        open.report("0_2", 1, 700_000);
        open.forget("0_1");

        assertThat(meters.get("notify.refunds.required.open").gauge().value()).isEqualTo(1);
        assertThat(meters.get("notify.refunds.required.oldest_age").gauge().value()).isEqualTo(300);
    }
}
