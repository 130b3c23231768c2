package com.merchantpay.e2e.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void aBareSelectorIsAMetric() {
        assertThat(PromQlMetricNames.in("max by (job, instance) (kafka_consumer_poll_stalled) > 0"))
                .containsExactly("kafka_consumer_poll_stalled");
    }

    @Test
    void labelMatchersAndTheirValuesAreNotMetrics() {
        assertThat(PromQlMetricNames.in("sum(increase(notify_alerts_total{kind=\"PaymentAmountMismatch\", job=~\"a|b\"}[15m])) > 0"))
                .containsExactly("notify_alerts_total");
    }

    @Test
    void groupingLabelsFunctionsAndAggregationsAreNotMetrics() {
        assertThat(PromQlMetricNames.in(
                "histogram_quantile(0.99, sum by (le, kind) (rate(notify_outcome_finding_age_seconds_bucket[5m]))) > 10"))
                .containsExactly("notify_outcome_finding_age_seconds_bucket");
        assertThat(PromQlMetricNames.in("sum without(instance)(rate(a_total[1m])) / on (job) group_left (kind) b_info"))
                .containsExactly("a_total", "b_info");
    }

    @Test
    void durationsNumbersAndKeywordsAreNotMetrics() {
        assertThat(PromQlMetricNames.in("rate(x_total[5m] offset 1h) > bool 1e3 and y unless z or 0.5"))
                .containsExactly("x_total", "y", "z");
    }

    @Test
    void grafanaVariablesAreNotMetrics() {
        assertThat(PromQlMetricNames.in(
                "max by (group) (kafka_consumer_record_age_seconds_max{job=~\"$job\"}) + rate(a_total[$__rate_interval]) * ${factor}"))
                .containsExactly("kafka_consumer_record_age_seconds_max", "a_total");
    }

    @Test
    void everySelectorOfAnExpressionIsFoundOnce() {
        assertThat(PromQlMetricNames.in("sum(up{job=\"a\"}) - sum(up) + streams_state == 0"))
                .containsExactly("up", "streams_state");
    }
}
