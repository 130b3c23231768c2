package com.merchantpay.schemas.registry;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The registry did not answer within its deadline (or answered 5xx) on every attempt. Nothing is
 * wrong with the record or the schema: the caller retries later, and never dead-letters for this.
 */
public final class RegistryUnavailableException extends RetriableException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
