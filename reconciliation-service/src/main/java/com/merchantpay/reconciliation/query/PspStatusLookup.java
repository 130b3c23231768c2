package com.merchantpay.reconciliation.query;

import com.merchantpay.useepay.query.QueryResult;
import reactor.core.publisher.Mono;

/** Asks UseePay what it knows about the job's order or refund. Never blocks; should never complete with an error. */
@FunctionalInterface
public interface PspStatusLookup {

    Mono<QueryResult> query(QueryJob job);
}
