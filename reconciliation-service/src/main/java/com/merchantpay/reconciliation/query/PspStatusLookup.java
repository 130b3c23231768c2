package com.merchantpay.reconciliation.query;

import com.merchantpay.useepay.query.QueryResult;
import reactor.core.publisher.Mono;

/** Asks UseePay what it knows about one order. Never blocks; should never complete with an error. */
@FunctionalInterface
public interface PspStatusLookup {

    Mono<QueryResult> query(String orderNo);
}
