package com.merchantpay.reconciliation.query;

import com.merchantpay.useepay.query.QueryResult;
import java.time.Instant;

/** What one query learnt, and when the answer came. */
public record QueryReport(String orderNo, int attempt, QueryResult result, Instant answeredAt) {
}
