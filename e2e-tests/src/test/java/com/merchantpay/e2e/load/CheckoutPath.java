package com.merchantpay.e2e.load;

import reactor.core.publisher.Mono;

/**
 * One way to get the Mini Program its pay values. {@link #checkout(int)} completes with the order
 * number on success, empty on any other answer; it never errors (errors are counted as failures).
 */
interface CheckoutPath {

    /** "event-driven" or "baseline". */
    String name();

    /** Prepares virtual users {@code 0 … users-1} (logins, for the event path); not measured. */
    void prepare(int users);

    Mono<String> checkout(int user);
}
