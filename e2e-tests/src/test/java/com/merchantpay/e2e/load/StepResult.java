package com.merchantpay.e2e.load;

import java.time.Duration;

/**
 * One measured step: a path at a concurrency for a duration. Latencies in milliseconds, from the
 * request leaving the driver to the pay values arriving; only requests that both began and ended
 * inside the measurement window count.
 */
record StepResult(String path, int concurrency, Duration measured, long completed, long failed,
                  double p50, double p95, double p99, double max) {

    double throughput() {
        return completed / (measured.toMillis() / 1000.0);
    }
}
